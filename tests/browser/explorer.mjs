// Opens the explorer page in headless Chromium (Debian's package) with Playwright, performs the
// actions given on the command line, and prints what the page shows as one JSON object.
//
//   node tests/browser/explorer.mjs PAGE.html [--view svg|webgl] [--hash FRAGMENT]
//        [--click-edge ID] [--click-node ID] [--click-actor ID] [--click-edge-at ID]
//        [--click-link TEXT] [--search TEXT]
//        [--min-weight N] [--months FROM TO] [--month M] [--play] [--uncheck ID]
//        [--ego HOPS] [--path FROM TO] [--measure-range MIN MAX] [--reload] [--png]
//        [--screenshot PNG]
//
// --view svg opens the SVG view (the page's view without WebGL); by default the page picks
// (WebGL in this Chromium). --click-actor clicks an actor where the page says it is drawn
// (either view); --reload reopens the page at its current address (the view's state is in it).
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

  let fragment = "";
  while (args[0] === "--view" || args[0] === "--hash") {
    const flag = args.shift(), value = args.shift();
    if (flag === "--view" && value === "svg") fragment = "view=svg";
    if (flag === "--hash") fragment = value;
  }
  const started = Date.now();
  await page.goto(pathToFileURL(page_path).href + (fragment ? "#" + fragment : ""));
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  const settle = () => page.waitForSelector("body[data-settled=true]", { timeout: 15000 });
  await settle();
  result.openSeconds = (Date.now() - started) / 1000;

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
    view: document.body.dataset.view,
    canvases: document.querySelectorAll("#canvas canvas").length,
    shown: window.actorgraphExplorer ? window.actorgraphExplorer.shown() : null,
    hash: location.hash,
    legend: Array.from(document.querySelectorAll("#legend .legend-row")).map((r) => r.textContent),
    note: document.getElementById("view-note").hidden ? null : document.getElementById("view-note").textContent,
    month: document.getElementById("month-value").textContent,
    pathResult: document.getElementById("path-result").textContent,
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
    const stepStarted = Date.now();
    if (flag === "--click-edge") {
      await clickAt("#canvas path.hit[data-id=" + attr(args.shift()) + "]", "edge");
    } else if (flag === "--click-node") {
      await clickAt("#canvas g.node[data-id=" + attr(args.shift()) + "] circle", "node");
    } else if (flag === "--click-actor") {
      const id = args.shift();
      const p = await page.evaluate((id) => window.actorgraphExplorer.screen(id), id);
      if (!p) throw new Error("actor " + id + " is not drawn");
      await page.mouse.click(p.x, p.y);
    } else if (flag === "--click-edge-at") {
      const id = args.shift();
      const p = await page.evaluate((id) => window.actorgraphExplorer.edgeScreen(id), id);
      if (!p) throw new Error("edge " + id + " is not drawn");
      await page.mouse.click(p.x, p.y);
    } else if (flag === "--click-link") {
      await page.click("#panel a:has-text(" + JSON.stringify(args.shift()) + ")");
    } else if (flag === "--ego") {
      await page.selectOption("#ego-hops", args.shift());
      await page.check("#ego");
      await settle();
    } else if (flag === "--path") {
      await page.fill("#path-from", args.shift());
      await page.fill("#path-to", args.shift());
      await page.click("#path-find");
      await settle();
    } else if (flag === "--month") {
      const m = args.shift();
      await page.$eval("#month-slider", (el, m) => {
        const months = Array.from({ length: Number(el.max) + 1 }, (_, i) => i);
        el.value = String(months.find((i) => {
          el.value = String(i);
          el.dispatchEvent(new Event("input", { bubbles: true }));
          return document.getElementById("month-value").textContent === m;
        }) ?? el.value);
      }, m);
      await settle();
    } else if (flag === "--play") {
      // Play from the first month; wait for two steps.
      await page.$eval("#month-slider", (el) => {
        el.value = "0";
        el.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await page.click("#play");
      await page.waitForTimeout(1300);
      await page.click("#play");
      await settle();
    } else if (flag === "--measure-range") {
      for (const sel of ["#measure-min", "#measure-max"]) {
        await page.$eval(sel, (el, v) => {
          el.value = v;
          el.dispatchEvent(new Event("input", { bubbles: true }));
        }, args.shift());
      }
      await settle();
    } else if (flag === "--reload") {
      const url = page.url();
      await page.goto("about:blank");
      await page.goto(url);
      await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
      await settle();
    } else if (flag === "--png") {
      const png = await page.evaluate(async () => {
        const url = window.actorgraphExplorer.picture();
        const img = new Image();
        img.src = url;
        await img.decode();
        const c = document.createElement("canvas");
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext("2d");
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        let ink = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) ink++;
        return { prefix: url.slice(0, 22), width: img.width, height: img.height, ink };
      });
      result.png = png;
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
    // Two frames: the change is drawn.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const ms = Date.now() - stepStarted;
    await page.waitForTimeout(100);
    result.steps.push(Object.assign({ action: flag, ms }, await snapshot()));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
