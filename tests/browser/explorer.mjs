// Opens the explorer page in headless Chromium (Debian's package) with Playwright, performs the
// actions given on the command line, and prints what the page shows as one JSON object.
//
//   node tests/browser/explorer.mjs PAGE.html [--click-edge ID] [--click-node ID]
//        [--search TEXT] [--min-weight N] [--months FROM TO] [--uncheck ID] [--screenshot PNG]
//
// Actions run in the order given. The Rust tests (tests/explorer.rs) assert on the output;
// scripts/screenshot.sh uses --screenshot for the README.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import fs from "node:fs";

const args = process.argv.slice(2);
const page_path = args.shift();
const executablePath = process.env.CHROMIUM || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
if (!page_path || !executablePath) {
  console.error("usage: explorer.mjs PAGE.html [actions]; needs Chromium at /usr/bin/chromium (apt-get install chromium) or $CHROMIUM");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const result = { errors: [], dialogs: [], requests: [], steps: [] };
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => result.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") result.errors.push(m.text()); });
  page.on("dialog", async (d) => { result.dialogs.push(d.message()); await d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith("file:")) result.requests.push(r.url()); });

  await page.goto(pathToFileURL(page_path).href);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  const settle = () => page.waitForSelector("body[data-settled=true]", { timeout: 15000 });
  await settle();

  const snapshot = async () => page.evaluate(() => ({
    nodes: document.querySelectorAll("#canvas g.node").length,
    provisional: document.querySelectorAll("#canvas g.node.provisional").length,
    co: document.querySelectorAll("#canvas path.edge.co").length,
    rel: document.querySelectorAll("#canvas path.edge.rel").length,
    panel: document.getElementById("panel").innerText,
    panelTitle: (document.querySelector("#panel h2") || {}).textContent || null,
    evidence: Array.from(document.querySelectorAll("#evidence blockquote")).map((b) => b.innerText),
    labels: Array.from(document.querySelectorAll("#canvas g.node text")).map((t) => t.textContent),
    counts: document.getElementById("counts").textContent,
    pwned: typeof window.__pwned !== "undefined",
    images: document.querySelectorAll("img").length,
    scripts: document.querySelectorAll("script").length,
    title: document.title,
  }));

  // Clicks a screen point on an element: for an edge, the point along its path nearest the
  // middle where the edge is the topmost element (another edge or a node may cover the middle).
  const clickAt = async (selector, what) => {
    const point = await page.evaluate(([sel, what]) => {
      const el = document.querySelector(sel);
      if (!el) return { missing: true };
      if (what === "edge") {
        const total = el.getTotalLength();
        const m = el.getScreenCTM();
        for (let i = 0; i <= 40; i++) {
          const t = 0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * 0.02;
          const p = el.getPointAtLength(total * t);
          const x = p.x * m.a + p.y * m.c + m.e, y = p.x * m.b + p.y * m.d + m.f;
          if (document.elementFromPoint(x, y) === el) return { x, y };
        }
        return { covered: true };
      }
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, [selector, what]);
    if (point.missing) throw new Error("no element " + selector);
    if (point.covered) throw new Error("no visible point to click on " + selector);
    await page.mouse.click(point.x, point.y);
  };
  const attr = (v) => '"' + v.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';

  result.initial = await snapshot();
  while (args.length) {
    const flag = args.shift();
    if (flag === "--click-edge") {
      await clickAt("#canvas path.hit[data-id=" + attr(args.shift()) + "]", "edge");
    } else if (flag === "--click-node") {
      await clickAt("#canvas g.node[data-id=" + attr(args.shift()) + "] circle", "node");
    } else if (flag === "--search") {
      await page.fill("#search", args.shift());
      await page.press("#search", "Enter");
    } else if (flag === "--min-weight") {
      await page.$eval("#min-weight", (el, v) => {
        el.value = v;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }, args.shift());
      await settle();
    } else if (flag === "--months") {
      const [from, to] = [args.shift(), args.shift()];
      for (const [sel, v] of [["#date-from", from], ["#date-to", to]]) {
        await page.$eval(sel, (el, v) => {
          el.value = v;
          el.dispatchEvent(new Event("change", { bubbles: true }));
        }, v);
      }
      await settle();
    } else if (flag === "--uncheck") {
      await page.uncheck("#" + args.shift());
      await settle();
    } else if (flag === "--screenshot") {
      await page.waitForTimeout(400);
      await page.screenshot({ path: args.shift() });
      continue;
    } else {
      throw new Error("unknown flag " + flag);
    }
    await page.waitForTimeout(100);
    result.steps.push(Object.assign({ action: flag }, await snapshot()));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
