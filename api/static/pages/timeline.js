// Timeline: the events the server chose for the filters in the URL (#timeline-data), each
// drawn as the window its date allows (earliest..latest), packed into lanes, coloured by kind;
// an event placed by a relation ("after …") has a dashed outline. The chart repeats the table
// under it for the eye, so it is hidden from screen readers and its links from Tab. Changing a
// filter loads the page for it (the server filters; without JavaScript the form's button does).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("timeline-svg");
  var form = document.getElementById("filters");
  var PALETTE = ["#a3261c", "#1f4fa0", "#2e7d32", "#c26a00", "#6a1b9a", "#00838f", "#ad1457",
                 "#5d4037", "#455a64", "#9e9d24", "#283593", "#d84315"];
  var DAY = 86400000;
  var list = JSON.parse(document.getElementById("timeline-data").textContent).map(function (e) {
    return {iri: e.iri, url: e.url, label: e.label, kind: e.kind_label, open: e.open,
            placed: !!e.placed_by, colour: e.colour === null ? "#455a64" : PALETTE[e.colour % PALETTE.length],
            start: Date.parse(e.start + "T00:00:00Z"), end: Date.parse(e.end + "T00:00:00Z") + DAY};
  });

  function go() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (f) { if (f.name && f.value) params.set(f.name, f.value); });
    location.assign(location.pathname + "?" + params.toString());
  }
  Array.prototype.forEach.call(form.querySelectorAll("select, input[type=number]"), function (f) {
    f.addEventListener("change", go);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); go(); });

  var lo = form.elements.from.value ? Date.UTC(Number(form.elements.from.value), 0, 1) : -Infinity;
  var hi = form.elements.to.value ? Date.UTC(Number(form.elements.to.value) + 1, 0, 1) : Infinity;

  var ruler = document.createElement("canvas").getContext("2d");
  ruler.font = '12px "Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif';
  function measure(text) { return ruler.measureText(text).width; }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function draw(events, lo, hi) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var width = svg.clientWidth || 1200, left = 10, right = 10, top = 30, row = 18;
    if (!events.length) { svg.setAttribute("height", 60); return; }
    // The axis spans the events shown, within the years asked for.
    var min = Math.max(lo, Math.min.apply(null, events.map(function (e) { return e.start; })));
    var max = Math.min(hi - 1, Math.max.apply(null, events.map(function (e) { return e.end; })));
    var y0 = new Date(min).getUTCFullYear(), y1 = new Date(max).getUTCFullYear() + 1;
    var t0 = Date.UTC(y0, 0, 1), t1 = Date.UTC(y1, 0, 1);
    function x(t) { return left + (t - t0) / (t1 - t0) * (width - left - right); }
    // Lanes: each event takes its bar and its label; the first lane with room gets it.
    var lanes = [];
    events.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var placed = events.map(function (e) {
      var label = e.label;
      var x1 = x(Math.max(e.start, t0)), x2 = Math.max(x(Math.min(e.end, t1)), x1 + 3);
      var barEnd = Math.min(e.open ? x2 + 30 : x2, width - right);
      // The label goes right of its bar, else left of it, else on the roomier side, shortened.
      var roomRight = width - right - barEnd - 4, roomLeft = x1 - left - 4;
      var textWidth = measure(label);
      var leftLabel = textWidth > roomRight && (textWidth <= roomLeft || roomLeft > roomRight);
      var room = leftLabel ? roomLeft : roomRight;
      var shown = label;
      while (shown.length > 1 && measure(shown + "…") > room) shown = shown.slice(0, -1);
      if (shown !== label) { shown += "…"; }
      textWidth = measure(shown) + 4;
      var from = leftLabel ? x1 - textWidth : x1, stop = leftLabel ? barEnd : barEnd + textWidth;
      var lane = 0;
      while (lane < lanes.length && lanes[lane] > from) lane += 1;
      lanes[lane] = stop;
      return {e: e, label: label, shown: shown, x1: x1, x2: x2, barEnd: barEnd, lane: lane,
              leftLabel: leftLabel};
    });
    var height = top + lanes.length * row + 10;
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    var axis = el("g", {"class": "axis"}, svg);
    for (var y = y0; y <= y1; y += 1) {
      var xt = x(Date.UTC(y, 0, 1));
      el("line", {x1: xt, x2: xt, y1: 18, y2: height, stroke: "#c9ced8"}, axis);
      if (y < y1) el("text", {x: xt + 4, y: 14, "font-size": 12, fill: "#5b6475"}, axis).textContent = String(y);
      for (var m = 3; m < 12 && y < y1; m += 3) {
        var xm = x(Date.UTC(y, m, 1));
        el("line", {x1: xm, x2: xm, y1: 22, y2: height, stroke: "#eef0f4"}, axis);
      }
    }
    var defs = el("defs", {}, svg);
    placed.forEach(function (p, i) {
      var colour = p.e.colour;
      var a = el("a", {href: p.e.url + "?lang=" + document.body.dataset.lang, "class": "ev", tabindex: "-1"}, svg);
      el("title", {}, a).textContent = p.label + " · " + new Date(p.e.start).toISOString().slice(0, 10) +
        " – " + (p.e.open ? "…" : new Date(p.e.end - DAY).toISOString().slice(0, 10)) +
        (p.e.kind ? " · " + p.e.kind : "");
      var yy = top + p.lane * row;
      var fillRef = colour;
      if (p.e.open) {
        var grad = el("linearGradient", {id: "open" + i}, defs);
        el("stop", {offset: "0", "stop-color": colour, "stop-opacity": "0.85"}, grad);
        el("stop", {offset: "1", "stop-color": colour, "stop-opacity": "0"}, grad);
        fillRef = "url(#open" + i + ")";
      }
      var bar = {x: p.x1, y: yy, width: p.barEnd - p.x1, height: row - 6, rx: 2,
                 fill: fillRef, "class": "bar" + (p.e.placed ? " placed" : ""), "data-iri": p.e.iri};
      if (p.e.placed) { bar.stroke = colour; bar["stroke-dasharray"] = "3 2"; bar["fill-opacity"] = 0.45; }
      el("rect", bar, a);
      el("text", {x: p.leftLabel ? p.x1 - 4 : p.barEnd + 4, y: yy + row - 8,
                  "font-size": 12, fill: "#1d2433", "text-anchor": p.leftLabel ? "end" : "start"}, a)
        .textContent = p.shown;
    });
    svg.dataset.events = events.length;
  }
  function update() { draw(list.slice(), lo, hi); }
  window.addEventListener("resize", update);
  update();
}());
