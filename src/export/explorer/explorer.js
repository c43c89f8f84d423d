// actorgraph explorer: unpacks the embedded graph data and draws it with sigma.js (WebGL), or,
// without WebGL, the strongest actors with D3 as SVG.
// All text from the data reaches the page through textContent or setAttribute, never as HTML.
(async function () {
  "use strict";

  // ---- data ------------------------------------------------------------------------------
  async function unpack() {
    const block = document.getElementById("actorgraph-data");
    const bytes = Uint8Array.from(atob(block.textContent.trim()), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }
  const data = await unpack();
  const SVG_NODES = 200;
  const EDGE_CLICKS_UP_TO = 20000;
  // The WebGL view draws at most this many edges (#edges=N in the address changes it), the
  // strongest of those the filters pass (the counts say so): more make a change take seconds
  // in software WebGL, and a picture no one can read.
  const WEBGL_EDGES = 20000;
  const kindColor = new Map(data.kinds.map((k) => [k.kind, k.color]));
  const types = data.types.map((t, i) => Object.assign({ index: i }, t));
  const typeInfo = new Map(types.map((t) => [t.type, t]));
  const nodes = data.nodes.map((n) => Object.assign({}, n, { x0: n.x, y0: n.y }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const allEdges = data.cooccurrence
    .map((e) => Object.assign({ set: "co" }, e))
    .concat(data.relations.map((e) => Object.assign({ set: "rel" }, e)));
  const edgeById = new Map(allEdges.map((e) => [e.id, e]));
  const edgesAt = new Map(nodes.map((n) => [n.id, []]));
  for (const e of allEdges) {
    if (edgesAt.has(e.source)) edgesAt.get(e.source).push(e);
    if (e.target !== e.source && edgesAt.has(e.target)) edgesAt.get(e.target).push(e);
  }

  const monthSet = new Set();
  for (const item of nodes.concat(allEdges)) {
    for (const m of Object.keys(item.timeline || {})) monthSet.add(m);
  }
  const months = Array.from(monthSet).sort();
  const minMonth = months.length ? months[0] : "";
  const maxMonth = months.length ? months[months.length - 1] : "";

  // ---- state, kept in the URL's fragment so a link reopens the view ------------------------
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
    ego: false,
    hops: 1,
    path: null,
    colourBy: "community",
    sizeBy: "mentions",
    measureMin: 0,
    measureMax: Infinity,
    maxEdges: WEBGL_EDGES,
  };
  const hash = new URLSearchParams(location.hash.slice(1));
  const svgOnly = hash.get("view") === "svg";
  function readHash() {
    const list = (k) => (hash.get(k) || "").split(",").filter(Boolean);
    if (hash.has("co")) state.co = hash.get("co") !== "0";
    if (hash.has("rel")) state.rel = hash.get("rel") !== "0";
    for (const k of list("hide-kinds")) state.kinds.delete(k);
    for (const t of list("hide-types")) state.types.delete(t);
    if (hash.get("listed") === "0") state.listed = false;
    if (hash.get("provisional") === "0") state.provisional = false;
    if (hash.has("min")) state.minWeight = Math.max(1, Number(hash.get("min")) || 1);
    if (months.includes(hash.get("from"))) state.from = hash.get("from");
    if (months.includes(hash.get("to"))) state.to = hash.get("to");
    if (hash.get("colour") === "kind") state.colourBy = "kind";
    if (["degree", "weighted_degree", "pagerank", "betweenness"].includes(hash.get("size"))) {
      state.sizeBy = hash.get("size");
    }
    if (hash.has("measure-min")) state.measureMin = Number(hash.get("measure-min")) || 0;
    if (hash.has("measure-max") && !Number.isNaN(Number(hash.get("measure-max")))) {
      state.measureMax = Number(hash.get("measure-max"));
    }
    // edges=N: draw up to N edges in the WebGL view (a fast GPU takes many more).
    if (Number(hash.get("edges")) > 0) state.maxEdges = Math.floor(Number(hash.get("edges")));
    const sel = hash.get("selected") || "";
    if (sel.startsWith("n:") && byId.has(sel.slice(2))) state.selected = sel;
    if (sel.startsWith("e:") && edgeById.has(sel.slice(2))) state.selected = sel;
    if (hash.get("ego") && state.selected && state.selected.startsWith("n:")) state.ego = true;
    if (hash.get("hops") === "2") state.hops = 2;
    const path = list("path");
    if (path.length === 2 && byId.has(path[0]) && byId.has(path[1])) state.path = path;
  }
  readHash();
  function writeHash() {
    const p = new URLSearchParams();
    if (svgOnly) p.set("view", "svg");
    if (state.selected) p.set("selected", state.selected);
    if (state.ego) p.set("ego", "1");
    if (state.hops !== 1) p.set("hops", String(state.hops));
    if (state.path) p.set("path", state.path.join(","));
    if (!state.co) p.set("co", "0");
    if (!state.rel) p.set("rel", "0");
    const hiddenKinds = data.kinds.map((k) => k.kind).filter((k) => !state.kinds.has(k));
    if (hiddenKinds.length) p.set("hide-kinds", hiddenKinds.join(","));
    const hiddenTypes = types.map((t) => t.type).filter((t) => !state.types.has(t));
    if (hiddenTypes.length) p.set("hide-types", hiddenTypes.join(","));
    if (!state.listed) p.set("listed", "0");
    if (!state.provisional) p.set("provisional", "0");
    if (state.minWeight > 1) p.set("min", String(state.minWeight));
    if (state.from !== minMonth) p.set("from", state.from);
    if (state.to !== maxMonth) p.set("to", state.to);
    if (state.colourBy !== "community") p.set("colour", state.colourBy);
    if (state.sizeBy !== "mentions") p.set("size", state.sizeBy);
    if (state.measureMin > 0) p.set("measure-min", String(state.measureMin));
    if (state.measureMax !== Infinity) p.set("measure-max", String(state.measureMax));
    if (state.maxEdges !== WEBGL_EDGES) p.set("edges", String(state.maxEdges));
    const text = p.toString();
    history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
  }

  // ---- helpers ---------------------------------------------------------------------------
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
  function measureOf(n) {
    return Number(n[state.sizeBy]) || 0;
  }
  // The largest value of the size measure, kept for the measure it was computed for.
  let sizeMax = null;
  function sizeOf(n) {
    if (!sizeMax || sizeMax[0] !== state.sizeBy) {
      sizeMax = [state.sizeBy, nodes.reduce((m, x) => Math.max(m, measureOf(x)), 0) || 1];
    }
    return 2 + 13 * Math.sqrt(measureOf(n) / sizeMax[1]);
  }
  // Communities numbered by size: the first twelve get a colour of their own.
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c564b"];
  function colourOf(n) {
    if (state.colourBy === "kind") return kindColor.get(n.kind) || "#ccc";
    const c = n.community || 0;
    return c >= 1 && c <= PALETTE.length ? PALETTE[c - 1] : "#bbbbbb";
  }

  // ---- which actors and edges are shown -----------------------------------------------------
  function baseNodeVisible(n) {
    return state.kinds.has(n.kind)
      && (n.provisional ? state.provisional : state.listed)
      && (!dateFiltered() || weightOf(n, n.mentions) > 0)
      && measureOf(n) >= state.measureMin
      && measureOf(n) <= state.measureMax;
  }
  function baseEdgeVisible(e, nodeOk) {
    if (e.set === "co" && !state.co) return false;
    if (e.set === "rel" && (!state.rel || !state.types.has(e.type))) return false;
    if (!nodeOk(e.source) || !nodeOk(e.target)) return false;
    const w = weightOf(e, e.count);
    return w > 0 && w >= state.minWeight;
  }
  // Actors within `hops` ties of `centre` along edges the filters show.
  function egoSet(centre, hops, nodeOk) {
    const seen = new Set([centre]);
    let frontier = [centre];
    for (let h = 0; h < hops; h++) {
      const next = [];
      for (const id of frontier) {
        for (const e of edgesAt.get(id) || []) {
          if (!baseEdgeVisible(e, nodeOk)) continue;
          const other = e.source === id ? e.target : e.source;
          if (!seen.has(other)) {
            seen.add(other);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    return seen;
  }
  // The fewest ties from `a` to `b` along edges the filters show (breadth first, neighbours
  // in id order, so the same data gives the same path): [node ids, edge ids], or null.
  function shortestPath(a, b, nodeOk) {
    const prev = new Map([[a, null]]);
    let frontier = [a];
    while (frontier.length && !prev.has(b)) {
      const next = [];
      for (const id of frontier) {
        const steps = (edgesAt.get(id) || []).filter((e) => baseEdgeVisible(e, nodeOk))
          .map((e) => [e.source === id ? e.target : e.source, e])
          .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1].id < y[1].id ? -1 : 1)));
        for (const [other, e] of steps) {
          if (prev.has(other)) continue;
          prev.set(other, [id, e.id]);
          next.push(other);
        }
      }
      frontier = next;
    }
    if (!prev.has(b)) return null;
    const ids = [b], edges = [];
    for (let at = b; prev.get(at); at = prev.get(at)[0]) {
      edges.push(prev.get(at)[1]);
      ids.push(prev.get(at)[0]);
    }
    return [ids.reverse(), edges.reverse()];
  }
  function computeVisible(limit, edgeLimit) {
    let nodeIds = new Set(nodes.filter(baseNodeVisible).map((n) => n.id));
    if (limit && nodeIds.size > limit) {
      // The SVG view keeps the actors with the most mentions.
      nodeIds = new Set(nodes.filter((n) => nodeIds.has(n.id))
        .sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : 1))
        .slice(0, limit).map((n) => n.id));
    }
    let nodeOk = (id) => nodeIds.has(id);
    if (state.ego && state.selected && state.selected.startsWith("n:")) {
      const centre = state.selected.slice(2);
      const ego = egoSet(centre, state.hops, nodeOk);
      nodeIds = new Set([...nodeIds].filter((id) => ego.has(id)));
      nodeIds.add(centre);
      nodeOk = (id) => nodeIds.has(id);
    }
    let edges = allEdges.filter((e) => baseEdgeVisible(e, nodeOk));
    let path = null;
    if (state.path) path = shortestPath(state.path[0], state.path[1], nodeOk);
    const passed = edges.length;
    if (edgeLimit && edges.length > edgeLimit) {
      const onPath = new Set(path ? path[1] : []);
      const strength = (e) => (onPath.has(e.id) ? Infinity : weightOf(e, e.count));
      edges = edges.map((e) => [strength(e), e])
        .sort((a, b) => b[0] - a[0] || (a[1].id < b[1].id ? -1 : 1))
        .slice(0, edgeLimit).map((x) => x[1]);
    }
    return { nodeIds, edges, passed, path };
  }

  // ---- views -------------------------------------------------------------------------------
  const container = document.getElementById("canvas");
  function webglAvailable() {
    try {
      const c = document.createElement("canvas");
      return !!(window.WebGLRenderingContext && (c.getContext("webgl2") || c.getContext("webgl")));
    } catch (e) {
      return false;
    }
  }
  const useWebGL = !svgOnly && typeof Sigma !== "undefined" && webglAvailable();
  const view = useWebGL ? sigmaView() : svgView();
  document.body.dataset.view = useWebGL ? "webgl" : "svg";
  const note = document.getElementById("view-note");
  if (!useWebGL) {
    note.hidden = false;
    note.textContent = (svgOnly ? "SVG view" : "This browser has no WebGL: SVG view")
      + (nodes.length > SVG_NODES ? ", the " + SVG_NODES + " actors with the most mentions" : "")
      + ".";
  }

  // sigma.js on graphology: every actor and edge is in the graph once; filters, the ego
  // network and the path only hide or highlight them (reducers), so a change redraws at once.
  function sigmaView() {
    // Only the edges shown are in the graph: sigma draws every edge it holds, hidden or not,
    // so edges come and go with the filters (at most WEBGL_EDGES at a time).
    function edgeAttributes(e) {
      return {
        size: e.set === "co" ? 0.5 + Math.min(4, Math.sqrt(e.count) / 2) : 1 + Math.min(4, Math.sqrt(e.count)),
        color: e.set === "co" ? "#bbbbbb" : ((typeInfo.get(e.type) || {}).color || "#555"),
        type: e.set === "co" ? "line" : "arrow",
        // Relations are drawn over the co-occurrence tie of the same pair.
        zIndex: e.set === "co" ? 0 : 1,
      };
    }
    // A fresh graph for each change: sigma re-indexes it once, where dropping or adding
    // edges one by one in the graph it draws costs a re-index each.
    function graphOf(list) {
      const g = new graphology.MultiGraph({ type: "mixed", allowSelfLoops: true });
      for (const n of nodes) g.addNode(n.id, { x: n.x, y: -n.y, label: n.label });
      for (const e of list) {
        if (e.set === "co") g.addUndirectedEdgeWithKey(e.id, e.source, e.target, edgeAttributes(e));
        else g.addDirectedEdgeWithKey(e.id, e.source, e.target, edgeAttributes(e));
      }
      return g;
    }
    let graph = graphOf([]);
    let shown = { nodeIds: new Set(), edgeIds: new Set(), pathNodes: null, pathEdges: null };
    let hovered = null;
    // Clicking an edge needs sigma to draw every edge a second time, for picking; on a large
    // graph that doubles the cost of every change, so there an edge's evidence is reached
    // from its actors' panels (Neighbours, Relations) instead.
    const edgeClicks = allEdges.length <= EDGE_CLICKS_UP_TO;
    const renderer = new Sigma(graph, container, {
      enableEdgeEvents: edgeClicks,
      hideEdgesOnMove: !edgeClicks,
      zIndex: true,
      labelDensity: 1,
      labelGridCellSize: 100,
      // Small graphs label every actor the grid has room for; large ones the bigger ones.
      labelRenderedSizeThreshold: nodes.length < 500 ? 0 : 6,
      labelFont: "system-ui, Helvetica, Arial, sans-serif",
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      nodeReducer: (id, attrs) => {
        const n = byId.get(id);
        const out = Object.assign({}, attrs, { size: sizeOf(n), color: colourOf(n) });
        if (!shown.nodeIds.has(id)) out.hidden = true;
        const focus = shown.pathNodes || (hovered ? hovered : null);
        if (focus && !focus.has(id)) {
          out.color = "#e6e6e6";
          out.label = "";
          out.zIndex = 0;
        } else if (focus) {
          out.zIndex = 2;
          out.forceLabel = !!shown.pathNodes;
        }
        if (state.selected === "n:" + id) {
          out.highlighted = true;
          out.forceLabel = true;
          out.zIndex = 3;
        }
        // Provisional actors (a discovery rule's, in no dictionary) carry a question mark.
        if (n.provisional && out.label) out.label = out.label + " ?";
        return out;
      },
      edgeReducer: (id, attrs) => {
        const out = Object.assign({}, attrs);
        if (shown.pathEdges) {
          if (shown.pathEdges.has(id)) {
            out.color = "#d00";
            out.size = Math.max(3, attrs.size);
            out.zIndex = 2;
          } else {
            out.color = "#eeeeee";
          }
        } else if (hovered) {
          const [s, t] = graph.extremities(id);
          if (!hovered.has(s) || !hovered.has(t)) out.color = "#f0f0f0";
        }
        if (state.selected === "e:" + id) {
          out.color = "#d00";
          out.zIndex = 3;
        }
        return out;
      },
    });
    renderer.on("clickNode", ({ node }) => selectNode(byId.get(node), false));
    renderer.on("clickEdge", ({ edge }) => selectEdge(edgeById.get(edge)));
    renderer.on("clickStage", () => {
      state.selected = null;
      changed(false);
    });
    renderer.on("enterNode", ({ node }) => {
      hovered = new Set([node]);
      for (const e of edgesAt.get(node) || []) {
        if (shown.edgeIds.has(e.id)) hovered.add(e.source === node ? e.target : e.source);
      }
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on("leaveNode", () => {
      hovered = null;
      renderer.refresh({ skipIndexation: true });
    });
    return {
      show(visible) {
        shown = {
          nodeIds: visible.nodeIds,
          edgeIds: new Set(visible.edges.map((e) => e.id)),
          pathNodes: visible.path ? new Set(visible.path[0]) : null,
          pathEdges: visible.path ? new Set(visible.path[1]) : null,
        };
        graph = graphOf(visible.edges);
        renderer.setGraph(graph);
      },
      mark() {
        renderer.refresh({ skipIndexation: true });
      },
      restyle() {
        renderer.refresh();
      },
      centre(n) {
        const d = renderer.getNodeDisplayData(n.id);
        if (d) renderer.getCamera().animate({ x: d.x, y: d.y }, { duration: 300 });
      },
      // Where an actor is on the screen (page coordinates), for tests and tooling.
      screen(id) {
        const d = graph.getNodeAttributes(id);
        const p = renderer.graphToViewport({ x: d.x, y: d.y });
        const r = container.getBoundingClientRect();
        return { x: r.left + p.x, y: r.top + p.y };
      },
      // The view as one canvas: sigma's layers drawn in order on white, right after a render.
      picture() {
        renderer.refresh();
        const { width, height } = container.getBoundingClientRect();
        const out = document.createElement("canvas");
        const ratio = window.devicePixelRatio || 1;
        out.width = width * ratio;
        out.height = height * ratio;
        const ctx = out.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, out.width, out.height);
        for (const layer of ["edges", "nodes", "edgeLabels", "labels"]) {
          const c = renderer.getCanvases()[layer];
          if (c) ctx.drawImage(c, 0, 0, out.width, out.height);
        }
        return out;
      },
    };
  }

  // D3 and SVG: today's view, for browsers without WebGL; at most SVG_NODES actors.
  function svgView() {
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
    const radius = (n) => 4 + 2.2 * Math.sqrt(n.mentions || 0);
    const widthScale = (w) => 0.8 + 1.6 * Math.sqrt(w);
    let links = [];
    let fitted = false;
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
    sim.stop();
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
    function fit() {
      const box = container.getBoundingClientRect();
      const shownNodes = nodeLayer.selectAll("g.node").data();
      if (!shownNodes.length || !box.width) return;
      const xs = shownNodes.map((n) => n.x), ys = shownNodes.map((n) => n.y);
      const x0 = Math.min(...xs) - 40, x1 = Math.max(...xs) + 120;
      const y0 = Math.min(...ys) - 40, y1 = Math.max(...ys) + 40;
      const k = Math.min(box.width / (x1 - x0), box.height / (y1 - y0), 2);
      svg.call(zoom.transform, d3.zoomIdentity.translate(box.width / 2, box.height / 2)
        .scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2));
    }
    let pathNodes = null, pathEdges = null;
    function mark() {
      nodeLayer.selectAll("g.node")
        .classed("selected", (d) => state.selected === "n:" + d.id)
        .classed("dim", (d) => !!pathNodes && !pathNodes.has(d.id));
      edgeLayer.selectAll("path")
        .classed("selected", (d) => state.selected === "e:" + d.id || (!!pathEdges && pathEdges.has(d.id)))
        .classed("dim", (d) => !!pathEdges && !pathEdges.has(d.id));
    }
    function show(visible) {
      const visibleNodes = nodes.filter((n) => visible.nodeIds.has(n.id));
      links = visible.edges.map((e) => ({
        id: e.id, source: e.source, target: e.target, edge: e, w: weightOf(e, e.count),
      }));
      pathNodes = visible.path ? new Set(visible.path[0]) : null;
      pathEdges = visible.path ? new Set(visible.path[1]) : null;
      assignCurves(links);
      const nodeSel = nodeLayer.selectAll("g.node").data(visibleNodes, (d) => d.id);
      nodeSel.exit().remove();
      const entered = nodeSel.enter().append("g")
        .attr("class", (d) => (d.provisional ? "node provisional" : "node"));
      entered.attr("data-id", (d) => d.id);
      entered.append("circle").attr("r", radius);
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
      nodeLayer.selectAll("g.node circle").attr("fill", (d) => colourOf(d));
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
      mark();
    }
    svg.on("click", () => {
      state.selected = null;
      changed(false);
    });
    return {
      show,
      mark,
      restyle() {
        nodeLayer.selectAll("g.node circle").attr("fill", (d) => colourOf(d));
      },
      centre(n) {
        const box = container.getBoundingClientRect();
        const k = d3.zoomTransform(svg.node()).k;
        svg.transition().duration(300).call(zoom.transform,
          d3.zoomIdentity.translate(box.width / 2, box.height / 2).scale(k).translate(-n.x, -n.y));
      },
      screen(id) {
        const g = nodeLayer.select("g.node[data-id=\"" + CSS.escape(id) + "\"] circle").node();
        if (!g) return null;
        const r = g.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      },
      picture() {
        const box = container.getBoundingClientRect();
        const out = document.createElement("canvas");
        out.width = box.width;
        out.height = box.height;
        const ctx = out.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, out.width, out.height);
        return out;
      },
      warm() {
        const warmup = nodes.length < 2000 ? 150 : 30;
        for (let i = 0; i < warmup; i++) sim.tick();
        ticked();
        fit();
      },
    };
  }

  // ---- controls --------------------------------------------------------------------------
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

  function checkbox(box, checked, onChange, swatch, text, attrs) {
    const l = el("label");
    const c = el("input");
    c.type = "checkbox";
    c.checked = checked;
    Object.assign(c, attrs.props || {});
    for (const [k, v] of Object.entries(attrs.data || {})) c.dataset[k] = v;
    c.addEventListener("change", () => onChange(c.checked));
    l.append(c, swatch, document.createTextNode(text));
    box.appendChild(l);
    return c;
  }
  const kindBox = document.getElementById("kinds");
  for (const k of data.kinds) {
    if (!nodes.some((n) => n.kind === k.kind)) continue;
    const sw = el("span", null, "swatch");
    sw.style.background = k.color;
    checkbox(kindBox, state.kinds.has(k.kind), (on) => {
      if (on) state.kinds.add(k.kind);
      else state.kinds.delete(k.kind);
      changed(true);
    }, sw, k.kind, { data: { kind: k.kind } });
  }
  // Listed actors come from a dictionary; provisional ones from a discovery rule (dashed).
  const originBox = document.getElementById("origins");
  if (nodes.some((n) => n.provisional)) {
    for (const [key, text] of [["listed", "listed"], ["provisional", useWebGL ? "provisional (name?)" : "provisional (dashed)"]]) {
      checkbox(originBox, state[key], (on) => {
        state[key] = on;
        changed(true);
      }, el("span", null, "swatch " + key), text, { props: { id: "show-" + key } });
    }
  } else {
    originBox.hidden = true;
  }
  const typeBox = document.getElementById("types");
  for (const t of types) {
    if (!data.relations.some((e) => e.type === t.type)) continue;
    const sw = el("span", null, "line");
    sw.style.background = t.color;
    checkbox(typeBox, state.types.has(t.type), (on) => {
      if (on) state.types.add(t.type);
      else state.types.delete(t.type);
      changed(true);
    }, sw, t.label + " (" + t.cameo + ")", { data: { type: t.type } });
  }

  const maxWeight = allEdges.reduce((m, e) => Math.max(m, e.count), 1);
  const minWeightInput = document.getElementById("min-weight");
  const minWeightValue = document.getElementById("min-weight-value");
  minWeightInput.max = String(maxWeight);
  minWeightInput.value = String(state.minWeight);
  minWeightValue.textContent = String(state.minWeight);
  minWeightInput.addEventListener("input", () => {
    state.minWeight = Number(minWeightInput.value) || 1;
    minWeightValue.textContent = String(state.minWeight);
    changed(true);
  });

  // The range of the size measure shown: two sliders, lowest and highest value.
  const measureInput = document.getElementById("measure-min");
  const measureMaxInput = document.getElementById("measure-max");
  const measureValue = document.getElementById("measure-min-value");
  const measureMaxValue = document.getElementById("measure-max-value");
  const measureName = document.getElementById("measure-name");
  const sizeBy = document.getElementById("size-by");
  function measureControl() {
    const max = nodes.reduce((m, n) => Math.max(m, measureOf(n)), 0);
    for (const input of [measureInput, measureMaxInput]) {
      input.max = String(max);
      input.step = String(max > 50 ? 1 : max / 100 || 0.01);
    }
    measureInput.value = String(Math.min(state.measureMin, max));
    measureMaxInput.value = String(Math.min(state.measureMax, max));
    measureValue.textContent = String(state.measureMin);
    measureMaxValue.textContent = state.measureMax === Infinity ? String(max) : String(state.measureMax);
    measureName.textContent = sizeBy.options[sizeBy.selectedIndex].text;
  }
  sizeBy.value = state.sizeBy;
  measureControl();
  measureInput.addEventListener("input", () => {
    state.measureMin = Number(measureInput.value) || 0;
    measureValue.textContent = String(state.measureMin);
    changed(true);
  });
  measureMaxInput.addEventListener("input", () => {
    const v = Number(measureMaxInput.value);
    state.measureMax = v >= Number(measureMaxInput.max) ? Infinity : v;
    measureMaxValue.textContent = String(v);
    changed(true);
  });
  sizeBy.addEventListener("change", () => {
    state.sizeBy = sizeBy.value;
    state.measureMin = 0;
    state.measureMax = Infinity;
    measureControl();
    view.restyle();
    changed(true);
  });
  const colourBy = document.getElementById("colour-by");
  colourBy.value = state.colourBy;
  colourBy.addEventListener("change", () => {
    state.colourBy = colourBy.value;
    legend();
    view.restyle();
    changed(false);
  });
  // The legend: the twelve largest communities, each named by its most mentioned actor.
  function legend() {
    const box = document.getElementById("legend");
    while (box.firstChild) box.removeChild(box.firstChild);
    if (state.colourBy === "kind") {
      for (const k of data.kinds.filter((k) => nodes.some((n) => n.kind === k.kind))) {
        const row = el("div", null, "legend-row");
        const sw = el("span", null, "swatch");
        sw.style.background = k.color;
        row.append(sw, document.createTextNode(k.kind));
        box.appendChild(row);
      }
      return;
    }
    const groups = new Map();
    for (const n of nodes) {
      if (!n.community) continue;
      if (!groups.has(n.community)) groups.set(n.community, []);
      groups.get(n.community).push(n);
    }
    const order = Array.from(groups.keys()).sort((a, b) => a - b);
    for (const c of order.slice(0, PALETTE.length)) {
      const members = groups.get(c);
      const top = members.slice().sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : 1))[0];
      const row = el("div", null, "legend-row");
      row.dataset.community = String(c);
      const sw = el("span", null, "swatch");
      sw.style.background = PALETTE[c - 1];
      row.append(sw, document.createTextNode(c + ": " + top.label + " (" + members.length + ")"));
      box.appendChild(row);
    }
    if (order.length > PALETTE.length) {
      const row = el("div", null, "legend-row");
      const sw = el("span", null, "swatch");
      sw.style.background = "#bbbbbb";
      row.append(sw, document.createTextNode((order.length - PALETTE.length) + " smaller communities"));
      box.appendChild(row);
    }
  }
  legend();

  const fromInput = document.getElementById("date-from");
  const toInput = document.getElementById("date-to");
  const slider = document.getElementById("month-slider");
  const monthValue = document.getElementById("month-value");
  const play = document.getElementById("play");
  for (const input of [fromInput, toInput, slider, play]) input.disabled = months.length === 0;
  for (const input of [fromInput, toInput]) {
    input.min = minMonth;
    input.max = maxMonth;
  }
  slider.max = String(Math.max(0, months.length - 1));
  function monthControls() {
    fromInput.value = state.from;
    toInput.value = state.to;
    const one = state.from === state.to && months.includes(state.from);
    if (one) slider.value = String(months.indexOf(state.from));
    monthValue.textContent = one ? state.from : (dateFiltered() ? state.from + " to " + state.to : "all months");
  }
  monthControls();
  fromInput.addEventListener("change", () => {
    state.from = fromInput.value || minMonth;
    monthControls();
    changed(true);
  });
  toInput.addEventListener("change", () => {
    state.to = toInput.value || maxMonth;
    monthControls();
    changed(true);
  });
  function showMonth(i) {
    state.from = state.to = months[i];
    monthControls();
    changed(true);
  }
  slider.addEventListener("input", () => showMonth(Number(slider.value)));
  let playing = null;
  function stop() {
    clearInterval(playing);
    playing = null;
    play.textContent = "Play";
  }
  // Play: from the month shown (or the first, when all are), one month more each second.
  play.addEventListener("click", () => {
    if (playing) return stop();
    let i = state.from === state.to ? months.indexOf(state.from) : -1;
    if (i < 0 || i >= months.length - 1) i = 0;
    play.textContent = "Pause";
    showMonth(i);
    playing = setInterval(() => {
      if (i >= months.length - 1) return stop();
      i += 1;
      showMonth(i);
    }, 1000);
  });

  for (const [id, key] of [["show-cooccurrence", "co"], ["show-relations", "rel"]]) {
    const c = document.getElementById(id);
    c.checked = state[key];
    c.addEventListener("change", () => {
      state[key] = c.checked;
      changed(true);
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

  const egoBox = document.getElementById("ego");
  const egoHops = document.getElementById("ego-hops");
  egoBox.checked = state.ego;
  egoHops.value = String(state.hops);
  egoBox.addEventListener("change", () => {
    state.ego = egoBox.checked && !!state.selected && state.selected.startsWith("n:");
    egoBox.checked = state.ego;
    changed(true);
  });
  egoHops.addEventListener("change", () => {
    state.hops = Number(egoHops.value) === 2 ? 2 : 1;
    changed(true);
  });

  const pathFrom = document.getElementById("path-from");
  const pathTo = document.getElementById("path-to");
  const pathResult = document.getElementById("path-result");
  if (state.path) {
    pathFrom.value = label(state.path[0]);
    pathTo.value = label(state.path[1]);
  }
  document.getElementById("path-find").addEventListener("click", () => {
    const a = find(pathFrom.value), b = find(pathTo.value);
    if (!a || !b) {
      state.path = null;
      pathResult.textContent = "No actor matches “" + (!a ? pathFrom.value : pathTo.value).trim() + "”.";
      changed(true);
      return;
    }
    state.path = [a.id, b.id];
    changed(true);
  });
  document.getElementById("path-clear").addEventListener("click", () => {
    state.path = null;
    pathFrom.value = pathTo.value = "";
    changed(true);
  });

  document.getElementById("save-png").addEventListener("click", () => {
    const canvas = view.picture();
    const a = document.createElement("a");
    a.download = "actorgraph.png";
    a.href = canvas.toDataURL("image/png");
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  // ---- applying the state --------------------------------------------------------------
  let current = null;
  function changed(filters) {
    if (filters || !current) {
      current = computeVisible(useWebGL ? 0 : SVG_NODES, useWebGL ? state.maxEdges : 0);
      view.show(current);
      if (state.path) {
        pathResult.textContent = current.path
          ? current.path[0].map(label).join(" → ") + " (" + current.path[1].length + " ties)"
          : "No path between " + label(state.path[0]) + " and " + label(state.path[1]) + " in the view.";
      } else {
        pathResult.textContent = "";
      }
      const co = current.edges.filter((e) => e.set === "co").length;
      document.getElementById("counts").textContent =
        current.nodeIds.size + " actors, " + co + " co-occurrence ties, " +
        (current.edges.length - co) + " relations shown" +
        (current.passed > current.edges.length
          ? " (the " + current.edges.length + " strongest of " + current.passed +
            " edges; raise the minimum or pick an ego network to see the rest)"
          : "");
    } else {
      view.mark();
    }
    writeHash();
  }

  // ---- selection and the side panel ---------------------------------------------------
  const panel = document.getElementById("panel");
  function clearPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    return panel;
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

  function selectNode(n, centre) {
    state.selected = "n:" + n.id;
    changed(state.ego);
    if (centre) view.centre(n);
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
    const tools = el("p");
    tools.append(
      link("ego network", () => {
        state.selected = "n:" + n.id;
        state.ego = true;
        egoBox.checked = true;
        changed(true);
      }),
      document.createTextNode(" · "),
      link("path from here", () => {
        pathFrom.value = n.label;
        pathTo.focus();
      })
    );
    p.appendChild(tools);
    if (n.roles) {
      p.appendChild(el("h3", "Roles"));
      p.appendChild(el("p", n.roles));
    }
    const mine = edgesAt.get(n.id) || [];
    const co = mine.filter((e) => e.set === "co")
      .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
    p.appendChild(el("h3", "Neighbours (" + co.length + ")"));
    if (!co.length) p.appendChild(el("p", "No co-occurrence ties.", "hint"));
    const ul = el("ul");
    for (const e of co.slice(0, 200)) {
      const other = e.source === n.id ? e.target : e.source;
      const li = el("li");
      li.append(
        link(label(other), () => selectNode(byId.get(other), true)),
        document.createTextNode(" · " + e.weight + " · "),
        link("evidence", () => selectEdge(e))
      );
      ul.appendChild(li);
    }
    if (co.length > 200) ul.appendChild(el("li", (co.length - 200) + " more", "hint"));
    p.appendChild(ul);
    const rel = mine.filter((e) => e.set === "rel");
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
    changed(false);
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

  // For tests and tooling: what the view shows, and where an actor is on the screen.
  window.actorgraphExplorer = {
    view: useWebGL ? "webgl" : "svg",
    shown: () => ({
      nodes: Array.from(current.nodeIds).sort(),
      edges: current.edges.map((e) => e.id).sort(),
      passed: current.passed,
      path: current.path,
    }),
    screen: (id) => view.screen(id),
    // The middle of an edge on the screen: between its ends' positions.
    edgeScreen: (id) => {
      const e = edgeById.get(id);
      const a = e && view.screen(e.source), b = e && view.screen(e.target);
      return a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : null;
    },
    picture: () => view.picture().toDataURL("image/png"),
  };

  changed(true);
  if (view.warm) view.warm();
  if (state.selected) {
    const id = state.selected.slice(2);
    if (state.selected.startsWith("n:")) selectNode(byId.get(id), true);
    else selectEdge(edgeById.get(id));
  }
  if (useWebGL) document.body.dataset.settled = "true";
  document.body.dataset.ready = "true";
})();
