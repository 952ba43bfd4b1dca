// Timeline: every dated event as the window its date allows (gy:earliest..gy:latest), packed
// into lanes, coloured by kind, filterable by kind, place and organisation (kept in the URL).
(function () {
  "use strict";
  var lang = Gongyun.lang;
  var SVG = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("timeline-svg");
  var statusEl = document.getElementById("timeline-status");
  var selects = {kind: document.getElementById("f-kind"), place: document.getElementById("f-place"),
                 org: document.getElementById("f-org"), from: document.getElementById("f-from"),
                 to: document.getElementById("f-to")};
  var PALETTE = ["#a3261c", "#1f4fa0", "#2e7d32", "#c26a00", "#6a1b9a", "#00838f", "#ad1457",
                 "#5d4037", "#455a64", "#9e9d24", "#283593", "#d84315"];
  var DAY = 86400000;

  var windowsQ = "SELECT ?ev ?tp ?e ?l ?prec WHERE { ?c gy:subject ?ev ; gy:predicate ?tp ; gy:object ?w . " +
    "VALUES ?tp { gy:occurredWithin gy:startedWithin gy:endedWithin } ?ev a gy:Event . " +
    "?w gy:earliest ?e . OPTIONAL { ?w gy:latest ?l } OPTIONAL { ?w gy:precision ?prec } }";
  var kindsQ = "SELECT ?ev ?cls WHERE { ?ev a gy:Event , ?cls . ?cls rdfs:subClassOf gy:Event . " +
    "FILTER(?cls != gy:Event && STRSTARTS(STR(?cls), STR(gy:))) }";
  var placesQ = "SELECT DISTINCT ?ev ?p WHERE { ?c gy:subject ?ev ; gy:predicate gy:tookPlaceAt ; gy:object ?p . ?ev a gy:Event }";
  var orgsQ = "SELECT DISTINCT ?ev ?o WHERE { ?c gy:subject ?ev ; gy:predicate ?r ; gy:object ?o . " +
    "VALUES ?r { gy:hasParticipant gy:organisedBy } ?ev a gy:Event . ?o a gy:Organization }";

  function day(s) { return Date.parse(s.slice(0, 10) + "T00:00:00Z"); }

  function add(map, key, value) { (map[key] = map[key] || []).push(value); }

  var countQ = "SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?ev a gy:Event }";
  var total = 0;

  Promise.all([windowsQ, kindsQ, placesQ, orgsQ, countQ].map(Gongyun.select)).then(function (res) {
    total = res[4].length ? Number(res[4][0].n.value) : 0;
    var events = {};
    res[0].forEach(function (row) {
      var ev = events[row.ev.value] = events[row.ev.value] || {iri: row.ev.value, occurred: [], started: [], ended: []};
      var tp = row.tp.value.split("#")[1].replace("Within", "");
      // An open-ended window (随后, 1941年后) has no gy:latest: drawn as fading out.
      ev[tp].push({e: day(row.e.value), l: row.l ? day(row.l.value) : day(row.e.value), open: !row.l,
                   prec: row.prec ? row.prec.value.split("#")[1] : ""});
    });
    var kinds = {}, places = {}, orgs = {};
    res[1].forEach(function (row) { add(kinds, row.ev.value, row.cls.value); });
    res[2].forEach(function (row) { add(places, row.ev.value, row.p.value); });
    res[3].forEach(function (row) { add(orgs, row.ev.value, row.o.value); });
    var list = [];
    Object.keys(events).forEach(function (iri) {
      var ev = events[iri], w = ev.occurred.length ? ev.occurred : null;
      var start, end, open = false, prec = "";
      if (w) {
        start = Math.min.apply(null, w.map(function (x) { return x.e; }));
        end = Math.max.apply(null, w.filter(function (x) { return !x.open; }).map(function (x) { return x.l; }).concat([start]));
        open = w.some(function (x) { return x.open; });
        prec = w[0].prec;
      } else if (ev.started.length) {
        start = Math.min.apply(null, ev.started.map(function (x) { return x.e; }));
        var ends = ev.ended.filter(function (x) { return !x.open; });
        end = ends.length ? Math.max.apply(null, ends.map(function (x) { return x.l; })) : start;
        open = !ends.length;
      } else { return; }
      list.push({iri: iri, start: start, end: end + DAY, open: open, prec: prec,
                 kind: (kinds[iri] || [""])[0], places: places[iri] || [], orgs: orgs[iri] || []});
    });
    var iris = list.map(function (e) { return e.iri; });
    list.forEach(function (e) { iris = iris.concat(e.places, e.orgs, e.kind ? [e.kind] : []); });
    return Gongyun.labels(iris).then(function (labels) { setup(list, labels); });
  }).catch(function (e) {
    statusEl.textContent = e.message;
    statusEl.className = "error";
  });

  function fill(select, values, labels) {
    var seen = {};
    values.forEach(function (v) { seen[v] = (seen[v] || 0) + 1; });
    Object.keys(seen).sort(function (a, b) { return (labels[a] || a).localeCompare(labels[b] || b, lang); })
      .forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = (labels[v] || Gongyun.shortName(v)) + " (" + seen[v] + ")";
        select.appendChild(o);
      });
  }

  function setup(list, labels) {
    fill(selects.kind, list.map(function (e) { return e.kind; }).filter(Boolean), labels);
    fill(selects.place, [].concat.apply([], list.map(function (e) { return e.places; })), labels);
    fill(selects.org, [].concat.apply([], list.map(function (e) { return e.orgs; })), labels);
    var params = new URLSearchParams(location.search);
    Object.keys(selects).forEach(function (k) { if (params.get(k)) selects[k].value = params.get(k); });
    var colours = {};
    Object.keys(selects.kind.options).forEach(function (i) {
      var v = selects.kind.options[i].value;
      if (v) colours[v] = PALETTE[(i - 1) % PALETTE.length];
    });
    function update() {
      var p = new URLSearchParams(location.search);
      Object.keys(selects).forEach(function (k) { if (selects[k].value) p.set(k, selects[k].value); else p.delete(k); });
      history.replaceState(null, "", location.pathname + "?" + p.toString());
      var lo = selects.from.value ? Date.UTC(Number(selects.from.value), 0, 1) : -Infinity;
      var hi = selects.to.value ? Date.UTC(Number(selects.to.value) + 1, 0, 1) : Infinity;
      var shown = list.filter(function (e) {
        return e.end > lo && e.start < hi &&
               (!selects.kind.value || e.kind === selects.kind.value) &&
               (!selects.place.value || e.places.indexOf(selects.place.value) >= 0) &&
               (!selects.org.value || e.orgs.indexOf(selects.org.value) >= 0);
      });
      draw(shown, labels, colours, lo, hi);
      var undated = Math.max(0, total - list.length);
      statusEl.textContent = shown.length + " / " + list.length + (lang === "zh" ? " 个事件" : " events") +
        (undated ? (lang === "zh" ? "（另有 " + undated + " 个事件无日期，未画出）" : " (" + undated + " undated events not drawn)") : "");
    }
    Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", update); });
    window.addEventListener("resize", update);
    update();
  }

  var ruler = document.createElement("canvas").getContext("2d");
  ruler.font = '12px "Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif';
  function measure(text) { return ruler.measureText(text).width; }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function draw(events, labels, colours, lo, hi) {
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
      var label = labels[e.iri] || e.iri.split("/").pop();
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
      var colour = colours[p.e.kind] || "#455a64";
      var a = el("a", {href: Gongyun.pageUrl(p.e.iri), "class": "ev"}, svg);
      el("title", {}, a).textContent = p.label + " · " + new Date(p.e.start).toISOString().slice(0, 10) +
        " – " + (p.e.open ? "…" : new Date(p.e.end - DAY).toISOString().slice(0, 10)) +
        (p.e.kind ? " · " + (labels[p.e.kind] || Gongyun.shortName(p.e.kind)) : "");
      var yy = top + p.lane * row;
      var fillRef = colour;
      if (p.e.open) {
        var grad = el("linearGradient", {id: "open" + i}, defs);
        el("stop", {offset: "0", "stop-color": colour, "stop-opacity": "0.85"}, grad);
        el("stop", {offset: "1", "stop-color": colour, "stop-opacity": "0"}, grad);
        fillRef = "url(#open" + i + ")";
      }
      el("rect", {x: p.x1, y: yy, width: p.barEnd - p.x1, height: row - 6, rx: 2,
                  fill: fillRef, "class": "bar", "data-iri": p.e.iri}, a);
      el("text", {x: p.leftLabel ? p.x1 - 4 : p.barEnd + 4, y: yy + row - 8,
                  "font-size": 12, fill: "#1d2433", "text-anchor": p.leftLabel ? "end" : "start"}, a)
        .textContent = p.shown;
    });
    svg.dataset.events = events.length;
  }
}());
