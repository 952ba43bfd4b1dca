// The pages' one way into the graph: the public SPARQL endpoint, as any client uses it.
var Gongyun = (function () {
  "use strict";
  var base = document.body.dataset.base;
  var lang = document.body.dataset.lang;
  var RESOURCE = "https://w3id.org/gongyun/resource/";
  var PREFIXES = {
    gy: "https://w3id.org/gongyun/ontology#",
    rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
    geo: "http://www.opengis.net/ont/geosparql#",
    skos: "http://www.w3.org/2004/02/skos/core#"
  };
  var prologue = Object.keys(PREFIXES).map(function (p) {
    return "PREFIX " + p + ": <" + PREFIXES[p] + ">\n";
  }).join("");

  function post(query, accept) {
    return fetch(base + "/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
      body: "query=" + encodeURIComponent(query)
    });
  }

  function select(query) {
    return post(prologue + query, "application/sparql-results+json").then(function (r) {
      if (!r.ok) return r.json().then(function (e) { throw new Error(e.error.message); });
      return r.json();
    }).then(function (json) { return json.results.bindings; });
  }

  // Labels of IRIs in the page language (else the other language, else pinyin).
  function labels(iris) {
    var unique = Array.from(new Set(iris)).filter(function (i) { return /^[^\s<>"{}|^`\\]+$/.test(i); });
    var chunks = [];
    for (var i = 0; i < unique.length; i += 300) chunks.push(unique.slice(i, i + 300));
    var out = {};
    return Promise.all(chunks.map(function (chunk) {
      var values = chunk.map(function (iri) { return "<" + iri + ">"; }).join(" ");
      return select("SELECT ?s ?l WHERE { VALUES ?s { " + values + " } ?s rdfs:label ?l }")
        .then(function (rows) {
          rows.forEach(function (row) {
            var l = (row.l["xml:lang"] || "").toLowerCase();
            var key = l.indexOf("zh-latn") === 0 ? "pinyin" : l.indexOf("zh") === 0 ? "zh" : "en";
            out[row.s.value] = out[row.s.value] || {};
            if (!out[row.s.value][key]) out[row.s.value][key] = row.l.value;
          });
        });
    })).then(function () {
      var other = lang === "zh" ? "en" : "zh";
      var pick = {};
      Object.keys(out).forEach(function (iri) {
        var n = out[iri];
        pick[iri] = n[lang] || n[other] || n.pinyin;
      });
      return pick;
    });
  }

  // Where a browser reads about an IRI: our resources here, anything else where it lives.
  function pageUrl(iri) {
    if (iri.indexOf(RESOURCE) === 0) return base + "/resource/" + iri.slice(RESOURCE.length) + "?lang=" + lang;
    return iri;
  }

  function shortName(iri) {
    if (iri.indexOf(RESOURCE) === 0) return iri.slice(RESOURCE.length);
    for (var p in PREFIXES) if (iri.indexOf(PREFIXES[p]) === 0) return p + ":" + iri.slice(PREFIXES[p].length);
    return iri;
  }

  return {base: base, lang: lang, post: post, select: select, labels: labels, pageUrl: pageUrl,
          shortName: shortName, RESOURCE: RESOURCE};
}());
