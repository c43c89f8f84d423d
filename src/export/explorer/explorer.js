// actorgraph explorer: draws the embedded graph data with D3's force layout.
// All text from the data reaches the page through textContent or setAttribute, never as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("actorgraph-data").textContent);
  const kindColor = new Map(data.kinds.map((k) => [k.kind, k.color]));
  const types = data.types.map((t, i) => Object.assign({ index: i }, t));
  const typeInfo = new Map(types.map((t) => [t.type, t]));
  const nodes = data.nodes.map((n) => Object.assign({}, n, { x0: n.x, y0: n.y }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const allEdges = data.cooccurrence
    .map((e) => Object.assign({ set: "co" }, e))
    .concat(data.relations.map((e) => Object.assign({ set: "rel" }, e)));

  const monthSet = new Set();
  for (const item of nodes.concat(allEdges)) {
    for (const m of Object.keys(item.timeline || {})) monthSet.add(m);
  }
  const months = Array.from(monthSet).sort();
  const minMonth = months.length ? months[0] : "";
  const maxMonth = months.length ? months[months.length - 1] : "";

  const state = {
    co: true,
    rel: true,
    kinds: new Set(data.kinds.map((k) => k.kind)),
    listed: true,
    provisional: true,
    types: new Set(types.map((t) => t.type)),
    minWeight: 1,
    from: minMonth,
    to: maxMonth,
    selected: null,
  };

  // ---- helpers -------------------------------------------------------------------------
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(text, onClick) {
    const a = el("a", text);
    a.setAttribute("href", "#");
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      onClick();
    });
    return a;
  }
  function label(id) {
    const n = byId.get(id);
    return n ? n.label : id;
  }
  function dateFiltered() {
    return state.from !== minMonth || state.to !== maxMonth;
  }
  function inRange(m) {
    return (!state.from || m >= state.from) && (!state.to || m <= state.to);
  }
  // The weight of a node (mentions) or edge within the month range; the full weight (which
  // also counts undated articles) when the range is the whole corpus.
  function weightOf(item, full) {
    if (!dateFiltered()) return full;
    let sum = 0;
    for (const [m, c] of Object.entries(item.timeline || {})) if (inRange(m)) sum += c;
    return sum;
  }
  function radius(n) {
    return 4 + 2.2 * Math.sqrt(n.mentions || 0);
  }
  function nodeVisible(n) {
    return state.kinds.has(n.kind)
      && (n.provisional ? state.provisional : state.listed)
      && (!dateFiltered() || weightOf(n, n.mentions) > 0);
  }
  function edgeVisible(e) {
    if (e.set === "co" && !state.co) return false;
    if (e.set === "rel" && (!state.rel || !state.types.has(e.type))) return false;
    const a = byId.get(e.source), b = byId.get(e.target);
    if (!a || !b || !nodeVisible(a) || !nodeVisible(b)) return false;
    const w = weightOf(e, e.count);
    return w > 0 && w >= state.minWeight;
  }

  // ---- controls ------------------------------------------------------------------------
  const run = data.run;
  document.getElementById("summary").textContent =
    run.articles + " articles · " + data.nodes.length + " actors shown" +
    (data.actors_total > data.nodes.length ? " of " + data.actors_total : "") +
    " · " + data.cooccurrence.length + " co-occurrence ties (" + run.window + ") · " +
    data.relations.length + " relations" +
    (run.min_confidence ? " (confidence ≥ " + run.min_confidence + ")" : "");

  const names = document.getElementById("actor-names");
  for (const n of nodes) {
    const o = el("option");
    o.value = n.label;
    names.appendChild(o);
  }

  const kindBox = document.getElementById("kinds");
  for (const k of data.kinds) {
    if (!nodes.some((n) => n.kind === k.kind)) continue;
    const l = el("label");
    const c = el("input");
    c.type = "checkbox";
    c.checked = true;
    c.dataset.kind = k.kind;
    c.addEventListener("change", () => {
      if (c.checked) state.kinds.add(k.kind);
      else state.kinds.delete(k.kind);
      update();
    });
    const sw = el("span", null, "swatch");
    sw.style.background = k.color;
    l.append(c, sw, document.createTextNode(k.kind));
    kindBox.appendChild(l);
  }

  // Listed actors come from a dictionary; provisional ones from a discovery rule (dashed).
  const originBox = document.getElementById("origins");
  if (nodes.some((n) => n.provisional)) {
    for (const [key, text] of [["listed", "listed"], ["provisional", "provisional (dashed)"]]) {
      const l = el("label");
      const c = el("input");
      c.type = "checkbox";
      c.checked = true;
      c.id = "show-" + key;
      c.addEventListener("change", () => {
        state[key] = c.checked;
        update();
      });
      const sw = el("span", null, "swatch " + key);
      l.append(c, sw, document.createTextNode(text));
      originBox.appendChild(l);
    }
  } else {
    originBox.hidden = true;
  }

  const typeBox = document.getElementById("types");
  for (const t of types) {
    if (!data.relations.some((e) => e.type === t.type)) continue;
    const l = el("label");
    const c = el("input");
    c.type = "checkbox";
    c.checked = true;
    c.dataset.type = t.type;
    c.addEventListener("change", () => {
      if (c.checked) state.types.add(t.type);
      else state.types.delete(t.type);
      update();
    });
    const sw = el("span", null, "line");
    sw.style.background = t.color;
    l.append(c, sw, document.createTextNode(t.label + " (" + t.cameo + ")"));
    typeBox.appendChild(l);
  }

  const maxWeight = allEdges.reduce((m, e) => Math.max(m, e.count), 1);
  const minWeightInput = document.getElementById("min-weight");
  const minWeightValue = document.getElementById("min-weight-value");
  minWeightInput.max = String(maxWeight);
  minWeightInput.addEventListener("input", () => {
    state.minWeight = Number(minWeightInput.value) || 1;
    minWeightValue.textContent = String(state.minWeight);
    update();
  });

  const fromInput = document.getElementById("date-from");
  const toInput = document.getElementById("date-to");
  for (const input of [fromInput, toInput]) {
    input.min = minMonth;
    input.max = maxMonth;
    input.disabled = months.length === 0;
  }
  fromInput.value = minMonth;
  toInput.value = maxMonth;
  fromInput.addEventListener("change", () => {
    state.from = fromInput.value || minMonth;
    update();
  });
  toInput.addEventListener("change", () => {
    state.to = toInput.value || maxMonth;
    update();
  });

  for (const [id, key] of [["show-cooccurrence", "co"], ["show-relations", "rel"]]) {
    const c = document.getElementById(id);
    c.addEventListener("change", () => {
      state[key] = c.checked;
      update();
    });
  }

  const search = document.getElementById("search");
  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    return (
      nodes.find((n) => n.label.toLowerCase() === q || n.id.toLowerCase() === q) ||
      nodes.find((n) => n.label.toLowerCase().startsWith(q) || n.id.startsWith(q)) ||
      nodes.find((n) => n.label.toLowerCase().includes(q)) ||
      null
    );
  }
  function runSearch() {
    const n = find(search.value);
    if (n) {
      selectNode(n, true);
    } else if (search.value.trim()) {
      const panel = clearPanel();
      panel.appendChild(el("p", "No actor matches “" + search.value.trim() + "”.", "hint"));
    }
  }
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") runSearch();
  });
  search.addEventListener("change", runSearch);

  // ---- drawing -------------------------------------------------------------------------
  const container = document.getElementById("canvas");
  const svg = d3.select(container).append("svg");
  const defs = svg.append("defs");
  for (const t of types) {
    defs.append("marker")
      .attr("id", "arrow-" + t.index)
      .attr("viewBox", "0 -5 10 10")
      .attr("refX", 9)
      .attr("markerWidth", 6)
      .attr("markerHeight", 6)
      .attr("orient", "auto")
      .append("path")
      .attr("d", "M0,-5L10,0L0,5")
      .attr("fill", t.color);
  }
  const root = svg.append("g");
  const zoom = d3.zoom().scaleExtent([0.05, 8]).on("zoom", (ev) => root.attr("transform", ev.transform));
  svg.call(zoom).on("dblclick.zoom", null);
  const edgeLayer = root.append("g");
  const hitLayer = root.append("g");
  const nodeLayer = root.append("g");

  const widthScale = (w) => 0.8 + 1.6 * Math.sqrt(w);
  let links = [];

  const sim = d3.forceSimulation(nodes)
    .force("charge", d3.forceManyBody().strength(-260).distanceMax(900))
    .force("link", d3.forceLink([]).id((d) => d.id).distance(110).strength(0.05))
    .force("collide", d3.forceCollide((d) => radius(d) + 3))
    .force("x", d3.forceX((d) => d.x0).strength(0.06))
    .force("y", d3.forceY((d) => d.y0).strength(0.06))
    .alphaDecay(0.04)
    .on("tick", ticked)
    .on("end", () => {
      if (!fitted) {
        fitted = true;
        fit();
      }
      document.body.dataset.settled = "true";
    });
  let fitted = false;
  sim.stop();

  // Curvature for relation edges: parallel edges between one pair fan out.
  function assignCurves(list) {
    const groups = new Map();
    for (const l of list) {
      if (l.edge.set !== "rel") continue;
      const a = l.edge.source, b = l.edge.target;
      const key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(l);
    }
    for (const g of groups.values()) {
      g.forEach((l, i) => {
        const sign = l.edge.source < l.edge.target ? 1 : -1;
        l.curve = sign * (0.12 + 0.1 * i);
      });
    }
  }

  function path(l) {
    const s = l.source, t = l.target;
    const dx = t.x - s.x, dy = t.y - s.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    if (l.edge.set === "co") return "M" + s.x + "," + s.y + "L" + t.x + "," + t.y;
    const ux = dx / d, uy = dy / d;
    const rt = radius(t) + 2, rs = radius(s);
    const x1 = s.x + ux * rs, y1 = s.y + uy * rs;
    const x2 = t.x - ux * rt, y2 = t.y - uy * rt;
    const cx = (x1 + x2) / 2 - uy * d * (l.curve || 0);
    const cy = (y1 + y2) / 2 + ux * d * (l.curve || 0);
    return "M" + x1 + "," + y1 + "Q" + cx + "," + cy + " " + x2 + "," + y2;
  }

  function ticked() {
    edgeLayer.selectAll("path").attr("d", path);
    hitLayer.selectAll("path").attr("d", path);
    nodeLayer.selectAll("g.node").attr("transform", (d) => "translate(" + d.x + "," + d.y + ")");
  }

  const labelled = new Set(
    nodes.slice().sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : 1))
      .slice(0, 80).map((n) => n.id)
  );

  function update() {
    const visibleNodes = nodes.filter(nodeVisible);
    links = allEdges.filter(edgeVisible).map((e) => ({
      id: e.id, source: e.source, target: e.target, edge: e, w: weightOf(e, e.count),
    }));
    assignCurves(links);

    const nodeSel = nodeLayer.selectAll("g.node").data(visibleNodes, (d) => d.id);
    nodeSel.exit().remove();
    const entered = nodeSel.enter().append("g")
      .attr("class", (d) => (d.provisional ? "node provisional" : "node"));
    entered.attr("data-id", (d) => d.id);
    entered.append("circle")
      .attr("r", radius)
      .attr("fill", (d) => kindColor.get(d.kind) || "#ccc");
    entered.append("title").text((d) => d.label + " (" + (d.provisional ? "provisional " : "")
      + d.kind + ", " + d.mentions + " mentions)");
    entered.filter((d) => labelled.has(d.id)).append("text")
      .attr("x", (d) => radius(d) + 2)
      .attr("y", 4)
      .text((d) => d.label);
    entered.on("click", (ev, d) => {
      ev.stopPropagation();
      selectNode(d, false);
    });
    entered.call(d3.drag()
      .on("start", (ev, d) => {
        if (!ev.active) sim.alphaTarget(0.2).restart();
        d.fx = d.x;
        d.fy = d.y;
      })
      .on("drag", (ev, d) => {
        d.fx = ev.x;
        d.fy = ev.y;
      })
      .on("end", (ev, d) => {
        if (!ev.active) sim.alphaTarget(0);
        d.fx = null;
        d.fy = null;
      }));

    const edgeSel = edgeLayer.selectAll("path").data(links, (d) => d.id);
    edgeSel.exit().remove();
    edgeSel.enter().append("path")
      .attr("data-id", (d) => d.id)
      .attr("class", (d) => "edge " + d.edge.set)
      .merge(edgeSel)
      .attr("stroke-width", (d) => widthScale(d.w))
      .attr("stroke", (d) => (d.edge.set === "rel" ? (typeInfo.get(d.edge.type) || {}).color || "#555" : null))
      .attr("marker-end", (d) => (d.edge.set === "rel" ? "url(#arrow-" + (typeInfo.get(d.edge.type) || { index: 0 }).index + ")" : null));

    const hitSel = hitLayer.selectAll("path").data(links, (d) => d.id);
    hitSel.exit().remove();
    hitSel.enter().append("path")
      .attr("class", "hit")
      .attr("data-id", (d) => d.id)
      .on("click", (ev, d) => {
        ev.stopPropagation();
        selectEdge(d.edge);
      })
      .append("title")
      .text((d) => edgeTitle(d.edge));

    sim.nodes(visibleNodes);
    sim.force("link").links(links);
    document.body.dataset.settled = "false";
    sim.alpha(0.3).restart();
    ticked();
    markSelection();

    document.getElementById("counts").textContent =
      visibleNodes.length + " actors, " +
      links.filter((l) => l.edge.set === "co").length + " co-occurrence ties, " +
      links.filter((l) => l.edge.set === "rel").length + " relations shown";
  }

  function fit() {
    const box = container.getBoundingClientRect();
    if (!nodes.length || !box.width) return;
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const x0 = Math.min(...xs) - 40, x1 = Math.max(...xs) + 120;
    const y0 = Math.min(...ys) - 40, y1 = Math.max(...ys) + 40;
    const k = Math.min(box.width / (x1 - x0), box.height / (y1 - y0), 2);
    const t = d3.zoomIdentity
      .translate(box.width / 2, box.height / 2)
      .scale(k)
      .translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    svg.call(zoom.transform, t);
  }

  // ---- selection and the side panel ---------------------------------------------------
  const panel = document.getElementById("panel");
  function clearPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    return panel;
  }
  function markSelection() {
    nodeLayer.selectAll("g.node").classed("selected", (d) => state.selected === "n:" + d.id);
    edgeLayer.selectAll("path").classed("selected", (d) => state.selected === "e:" + d.id);
  }
  function facts(pairs) {
    const dl = el("dl");
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === "") continue;
      dl.append(el("dt", k));
      const dd = el("dd");
      if (v instanceof Node) dd.appendChild(v);
      else dd.textContent = String(v);
      dl.append(dd);
    }
    return dl;
  }
  function edgeTitle(e) {
    if (e.set === "co") return label(e.source) + " — " + label(e.target) + " (" + e.count + ")";
    const t = typeInfo.get(e.type);
    // The verb of the type's label: "attacks (fights, bombs, invades)" reads "attacks".
    const verb = t ? t.label.split(" (")[0] : e.type;
    return label(e.source) + " " + verb + " " + label(e.target) + " (" + e.count + ")";
  }

  function selectNode(n, center) {
    state.selected = "n:" + n.id;
    markSelection();
    if (center) {
      const box = container.getBoundingClientRect();
      const k = d3.zoomTransform(svg.node()).k;
      svg.transition().duration(300).call(
        zoom.transform,
        d3.zoomIdentity.translate(box.width / 2, box.height / 2).scale(k).translate(-n.x, -n.y)
      );
    }
    const p = clearPanel();
    p.appendChild(el("h2", n.label));
    if (n.provisional) {
      p.appendChild(el("p", "Provisional: found by the discovery rule " + (n.rule || "?")
        + ", in no dictionary. Read its sentences; `actorgraph suggest --toml` writes it as an"
        + " entry to add.", "provisional-note"));
    }
    const actsFor = n.acts_for && byId.get(n.acts_for)
      ? link(label(n.acts_for), () => selectNode(byId.get(n.acts_for), true))
      : n.acts_for;
    p.appendChild(facts([
      ["id", n.id],
      ["kind", n.kind],
      ["found by", n.provisional ? "rule " + n.rule : "dictionary"],
      ["mentions", n.mentions],
      ["articles", n.documents],
      ["first", n.first_date],
      ["last", n.last_date],
      ["country", n.country],
      ["subtype", n.subtype],
      ["acts for", actsFor],
      ["ties", n.degree],
      ["weighted degree", n.weighted_degree],
      ["betweenness", n.betweenness],
      ["PageRank", n.pagerank],
      ["community", n.community || null],
    ]));
    if (n.roles) {
      p.appendChild(el("h3", "Roles"));
      p.appendChild(el("p", n.roles));
    }
    const co = allEdges
      .filter((e) => e.set === "co" && (e.source === n.id || e.target === n.id))
      .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
    p.appendChild(el("h3", "Neighbours (" + co.length + ")"));
    if (!co.length) p.appendChild(el("p", "No co-occurrence ties.", "hint"));
    const ul = el("ul");
    for (const e of co) {
      const other = e.source === n.id ? e.target : e.source;
      const li = el("li");
      li.append(
        link(label(other), () => selectNode(byId.get(other), true)),
        document.createTextNode(" · " + e.weight + " · "),
        link("evidence", () => selectEdge(e))
      );
      ul.appendChild(li);
    }
    p.appendChild(ul);
    const rel = allEdges.filter((e) => e.set === "rel" && (e.source === n.id || e.target === n.id));
    p.appendChild(el("h3", "Relations (" + rel.length + ")"));
    if (!rel.length) p.appendChild(el("p", "No relations read.", "hint"));
    const rl = el("ul");
    for (const e of rel) {
      const t = typeInfo.get(e.type);
      const li = el("li");
      li.append(link(edgeTitle(e), () => selectEdge(e)));
      if (t) li.style.borderLeft = "3px solid " + t.color;
      rl.appendChild(li);
    }
    p.appendChild(rl);
  }

  function quote(ev, cue) {
    const bq = el("blockquote");
    const text = String(ev.text);
    const i = cue ? text.toLowerCase().indexOf(String(cue).toLowerCase()) : -1;
    if (i >= 0) {
      bq.append(
        document.createTextNode(text.slice(0, i)),
        el("mark", text.slice(i, i + cue.length)),
        document.createTextNode(text.slice(i + cue.length))
      );
    } else {
      bq.textContent = text;
    }
    const read = ev.confidence !== undefined ? " · confidence " + ev.confidence + " (" + ev.rule + ")" : "";
    const src = el("div", ev.doc + (ev.date ? " · " + ev.date : " · undated") + read, "source");
    bq.appendChild(src);
    return bq;
  }

  function selectEdge(e) {
    state.selected = "e:" + e.id;
    markSelection();
    const p = clearPanel();
    p.appendChild(el("h2", edgeTitle(e)));
    const t = e.set === "rel" ? typeInfo.get(e.type) : null;
    p.appendChild(facts([
      ["edge", e.set === "co" ? "co-occurrence (" + run.window + ")" : "relation"],
      ["type", t ? t.type + " (CAMEO " + t.cameo + ")" : null],
      ["weight (" + (run.weight || "count") + ")", e.set === "co" && run.weight !== "count" ? e.weight : null],
      [e.set === "co" ? "windows" : "sentences", e.count],
      ["confidence", e.set === "rel" ? e.confidence : null],
      ["articles", e.documents],
      ["first", e.first_date],
      ["last", e.last_date],
    ]));
    const ends = el("p");
    ends.append(
      link(label(e.source), () => selectNode(byId.get(e.source), true)),
      document.createTextNode(e.set === "co" ? " — " : " → "),
      link(label(e.target), () => selectNode(byId.get(e.target), true))
    );
    p.appendChild(ends);
    const evidence = e.evidence || [];
    p.appendChild(el("h3", "Evidence (" + evidence.length + " of " + e.count + ")"));
    const list = el("div");
    list.id = "evidence";
    for (const ev of evidence) list.appendChild(quote(ev, ev.cue));
    p.appendChild(list);
  }

  svg.on("click", () => {
    state.selected = null;
    markSelection();
  });

  update();
  const warmup = nodes.length < 2000 ? 150 : 30;
  for (let i = 0; i < warmup; i++) sim.tick();
  ticked();
  fit();
  document.body.dataset.ready = "true";
})();
