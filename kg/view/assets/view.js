// kg view: tooltips, details panel, legend with type filter, search, first-draw timing.
// Runs after pyvis's script, which defines the globals `network`, `nodes` and `edges`.
// Every string from the graph arrives HTML-escaped; it is decoded here and only ever
// written with textContent, so a title can never become markup.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-view-data").textContent);
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#x27;": "'", "&amp;": "&" };

  function decode(text) {
    return String(text).replace(/&(?:lt|gt|quot|#x27|amp);/g, function (m) { return ENTITIES[m]; });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // Labels are drawn on the canvas (never parsed as HTML); show them as written.
  var relabel = [];
  var index = [];
  nodes.forEach(function (n) {
    if (n.label && n.label.indexOf("&") >= 0) { relabel.push({ id: n.id, label: decode(n.label) }); }
    index.push({ id: n.id, group: n.group, names: (n.names || []).map(function (s) {
      return decode(s).toLowerCase();
    }) });
  });
  if (relabel.length) { nodes.update(relabel); }

  // A tooltip or the details panel, from [kind, text] lines.
  function fill(box, tip, withLinks) {
    box.replaceChildren();
    (tip || []).forEach(function (line) {
      var kind = line[0], text = decode(line[1]);
      if (kind === "link") {
        if (withLinks && /^https?:\/\//.test(text)) {
          var a = el("a", "kg-link", text);
          a.href = text;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          box.appendChild(a);
        } else {
          box.appendChild(el("div", "kg-link", text));
        }
      } else {
        box.appendChild(el("div", "kg-" + kind, text));
      }
    });
  }

  var container = document.getElementById("mynetwork");
  var tooltip = el("div", "kg-tooltip");
  tooltip.id = "kg-tooltip";
  tooltip.hidden = true;
  container.appendChild(tooltip);

  function showTip(item, pointer) {
    if (!item) { return; }
    fill(tooltip, item.tip, false);
    tooltip.hidden = false;
    var x = pointer.DOM.x + 14, y = pointer.DOM.y + 14;
    var maxX = container.clientWidth - tooltip.offsetWidth - 8;
    var maxY = container.clientHeight - tooltip.offsetHeight - 8;
    tooltip.style.left = Math.max(4, Math.min(x, maxX)) + "px";
    tooltip.style.top = Math.max(4, Math.min(y, maxY)) + "px";
  }
  function hideTip() { tooltip.hidden = true; }

  network.on("hoverNode", function (p) { showTip(nodes.get(p.node), p.pointer); });
  network.on("hoverEdge", function (p) { showTip(edges.get(p.edge), p.pointer); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  var details = document.getElementById("kg-details");
  network.on("click", function (p) {
    var item = p.nodes.length ? nodes.get(p.nodes[0]) : p.edges.length ? edges.get(p.edges[0]) : null;
    if (!item) { details.hidden = true; return; }
    fill(details, item.tip, true);
    var close = el("button", "kg-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close details");
    close.addEventListener("click", function () { details.hidden = true; });
    details.prepend(close);
    details.hidden = false;
  });

  // Legend doubles as the type filter.
  var hiddenGroups = {};
  var legend = document.getElementById("kg-legend");
  legend.appendChild(el("div", "kg-legend-title", "Show"));
  config.legend.forEach(function (entry) {
    var row = el("label", "kg-legend-row");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.group = entry.label;
    var swatch = el("span", "kg-swatch kg-shape-" + entry.shape);
    swatch.style.setProperty("--fill", entry.color);
    swatch.style.setProperty("--line", entry.border);
    row.append(box, swatch, el("span", "kg-legend-text", entry.text + " (" + entry.count + ")"));
    box.addEventListener("change", function () {
      hiddenGroups[entry.label] = !box.checked;
      var changes = [];
      index.forEach(function (n) {
        if (n.group === entry.label) { changes.push({ id: n.id, hidden: !box.checked }); }
      });
      nodes.update(changes);
      hideTip();
    });
    legend.appendChild(row);
  });
  if (config.notes.length) {
    config.notes.forEach(function (note) { legend.appendChild(el("div", "kg-note", decode(note))); });
  }

  // Search by name or alias: select every match, centre on the best one.
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  function runSearch(focus) {
    var q = search.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); status.textContent = ""; return; }
    var exact = [], partial = [];
    index.forEach(function (n) {
      if (hiddenGroups[n.group]) { return; }
      if (n.names.indexOf(q) >= 0) { exact.push(n.id); }
      else if (n.names.some(function (s) { return s.indexOf(q) >= 0; })) { partial.push(n.id); }
    });
    var found = exact.concat(partial);
    network.selectNodes(found.slice(0, 500), false);
    status.textContent = found.length ? found.length + " found" : "no match";
    if (focus && found.length) {
      network.focus(found[0], { scale: Math.max(network.getScale(), 1.0), animation: false });
    }
  }
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { runSearch(false); }, 150);
  });
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); runSearch(true); }
  });

  // Time to first draw, read by the browser tests and scripts/bench_view.py. With physics off
  // vis may already have drawn synchronously (not yet on screen); the frame after this
  // script is the first one the user sees, so ask for it and time it.
  network.once("afterDrawing", function () {
    window.kgFirstDrawMs = performance.now();
    document.body.setAttribute("data-kg-drawn", "1");
  });
  network.redraw();
  window.kgView = { network: network, nodes: nodes, edges: edges, config: config };
})();
