// Query editor: CodeMirror 5 with its SPARQL mode, prefix completion from our own prefix list
// (nothing is looked up elsewhere), the competency questions as examples, results as a table
// with IRIs shown by label, downloads (also a CSV with the labels), and the query kept in the
// URL (#query=...). Without JavaScript the form posts the query and the server draws the table.
// Tab leaves the editor (no keyboard trap, WCAG 2.1.2); Ctrl-] and Ctrl-[ indent.
(function () {
  "use strict";
  var base = Gongyun.base, lang = Gongyun.lang;
  var PREFIXES = JSON.parse(document.getElementById("prefixes-data").textContent);
  var EXAMPLES = JSON.parse(document.getElementById("examples-data").textContent);
  var form = document.getElementById("query-form");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var resultsEl = document.getElementById("results");
  var downloads = document.getElementById("downloads");
  var exampleId = form.dataset.example || null;
  var HAN = /[\u3400-\u9fff]/;

  function declared(text) {
    var out = {}, re = /PREFIX\s+([\w-]*):/gi, m;
    while ((m = re.exec(text))) out[m[1]] = true;
    return out;
  }

  // Completions: a prefix name while typing one, its IRI after "PREFIX name:".
  function hint(cm) {
    var cur = cm.getCursor(), line = cm.getLine(cur.line).slice(0, cur.ch);
    var decl = /PREFIX\s+([\w-]*)$/i.exec(line);
    var word = /([\w-]*)$/.exec(line)[1];
    var names = Object.keys(PREFIXES).filter(function (p) { return p.indexOf(word) === 0; }).sort();
    var list = names.map(function (p) {
      return decl ? {text: p + ": <" + PREFIXES[p] + ">", displayText: p + ": <" + PREFIXES[p] + ">"}
                  : {text: p + ":", displayText: p + ":  " + PREFIXES[p]};
    });
    return {list: list, from: CodeMirror.Pos(cur.line, cur.ch - word.length), to: cur};
  }

  // Typing a known prefix followed by ":" declares it at the top when it is not yet declared.
  function autoDeclare(cm, change) {
    if (change.text.join("") !== ":" || change.origin !== "+input") return;
    var line = cm.getLine(change.from.line).slice(0, change.from.ch);
    if (/PREFIX\s+[\w-]*$/i.test(line)) return;
    var name = /([\w-]+)$/.exec(line);
    if (!name || !PREFIXES[name[1]] || declared(cm.getValue())[name[1]]) return;
    cm.replaceRange("PREFIX " + name[1] + ": <" + PREFIXES[name[1]] + ">\n", CodeMirror.Pos(0, 0));
  }

  var editor = CodeMirror.fromTextArea(document.getElementById("query"), {
    mode: "application/sparql-query", lineNumbers: true, matchBrackets: true, indentUnit: 2,
    screenReaderLabel: document.querySelector("label[for=query]").textContent,
    extraKeys: {
      "Tab": false, "Shift-Tab": false,
      "Ctrl-Space": function (cm) { cm.showHint({hint: hint, completeSingle: false}); },
      "Ctrl-Enter": function () { run(); }, "Cmd-Enter": function () { run(); }
    }
  });
  editor.on("change", autoDeclare);
  editor.on("inputRead", function (cm, change) {
    if (/^[A-Za-z]$/.test(change.text.join("")) && !cm.state.completionActive) {
      var line = cm.getLine(change.from.line).slice(0, change.from.ch + 1);
      if (/(^|\s|PREFIX\s+)[A-Za-z][\w-]*$/i.test(line) && !/\?[\w-]*$/.test(line)) {
        cm.showHint({hint: hint, completeSingle: false});
      }
    }
  });

  function keepInUrl(query) {
    history.replaceState(null, "", location.pathname + location.search + "#query=" + encodeURIComponent(query));
  }

  // File names say what the file holds: gongyun-cq-000-01.csv for an example, else gongyun-query.
  function fileStem(query) {
    var ex = exampleId && EXAMPLES.filter(function (q) { return q.id === exampleId; })[0];
    return "gongyun-" + (ex && ex.query === query ? ex.id : "query");
  }

  function downloadLinks(query) {
    var stem = fileStem(query);
    ["csv", "tsv", "json"].forEach(function (fmt) {
      var a = document.getElementById("dl-" + fmt);
      a.href = base + "/sparql?query=" + encodeURIComponent(query) + "&format=" + fmt;
      a.download = stem + "." + fmt;
    });
    var labelled = document.getElementById("dl-labelled");
    labelled.download = stem + "-labelled.csv";
    labelled.hidden = false;
    downloads.hidden = false;
  }

  // The table as shown, as CSV: each column's values (IRIs in full) and, for a column with IRIs,
  // their labels in the page language beside them.
  function csvField(text) {
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function labelledCsv() {
    var table = document.getElementById("results-table");
    if (!table) return "";
    var head = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.replace(/^\?/, ""); });
    var rows = Array.prototype.map.call(table.querySelectorAll("tbody tr"), function (tr) {
      return Array.prototype.map.call(tr.cells, function (td) {
        var a = td.querySelector("a.iri");
        if (a) return {value: a.title, label: a.textContent};
        var copy = td.cloneNode(true);
        Array.prototype.forEach.call(copy.querySelectorAll("small"), function (s) { s.remove(); });
        return {value: copy.textContent.trim(), label: null};
      });
    });
    var labelled = head.map(function (_, i) { return rows.some(function (r) { return r[i].label !== null; }); });
    var lines = [[].concat.apply([], head.map(function (h, i) { return labelled[i] ? [h, h + "_label"] : [h]; }))];
    rows.forEach(function (r) {
      lines.push([].concat.apply([], r.map(function (c, i) { return labelled[i] ? [c.value, c.label || ""] : [c.value]; })));
    });
    return lines.map(function (l) { return l.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  document.getElementById("dl-labelled").addEventListener("click", function (event) {
    var a = event.currentTarget;
    if (a.href) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob(["\ufeff" + labelledCsv()], {type: "text/csv;charset=utf-8"}));
  });

  function cell(term, labels) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = Gongyun.pageUrl(term.value);
      a.textContent = labels[term.value] || Gongyun.shortName(term.value);
      a.title = term.value;
      a.className = "iri";
      if (lang !== "zh" && HAN.test(a.textContent)) a.lang = "zh-Hans";
      td.appendChild(a);
    } else {
      var value = document.createElement("span");
      value.textContent = term.value;
      if (term["xml:lang"]) value.lang = term["xml:lang"];
      else if (lang !== "zh" && HAN.test(term.value)) value.lang = "zh-Hans";
      td.appendChild(value);
      var tag = term["xml:lang"] || (term.datatype ? Gongyun.shortName(term.datatype) : "");
      if (tag && !/#string$/.test(term.datatype || "")) {
        var small = document.createElement("small");
        small.textContent = " " + (term["xml:lang"] ? "@" + tag : tag.replace(/^.*#/, "xsd:"));
        td.appendChild(small);
      }
    }
    return td;
  }

  function table(json) {
    var vars = json.head.vars, rows = json.results.bindings;
    var iris = [];
    rows.forEach(function (row) {
      vars.forEach(function (v) { if (row[v] && row[v].type === "uri") iris.push(row[v].value); });
    });
    return Gongyun.labels(iris).catch(function () { return {}; }).then(function (labels) {
      var t = document.createElement("table");
      t.id = "results-table";
      var head = t.createTHead().insertRow();
      vars.forEach(function (v) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = "?" + v;
        head.appendChild(th);
      });
      var body = t.createTBody();
      rows.forEach(function (row) {
        var tr = body.insertRow();
        vars.forEach(function (v) { tr.appendChild(cell(row[v], labels)); });
      });
      var wrap = document.createElement("div");
      wrap.className = "scroll";
      wrap.appendChild(t);
      resultsEl.textContent = "";
      resultsEl.appendChild(wrap);
      return rows.length;
    });
  }

  function run() {
    var query = editor.getValue();
    keepInUrl(query);
    errorEl.textContent = "";
    resultsEl.textContent = "";
    downloads.hidden = true;
    statusEl.textContent = lang === "zh" ? "运行中…" : "running…";
    var started = performance.now();
    Gongyun.post(query, "application/sparql-results+json, text/turtle;q=0.9").then(function (r) {
      var type = (r.headers.get("content-type") || "").split(";")[0];
      if (!r.ok) return r.json().then(function (e) { throw new Error(e.error.message); });
      var truncated = r.headers.get("Gongyun-Truncated");
      if (type === "application/sparql-results+json") {
        return r.json().then(function (json) {
          if (json.boolean !== undefined) {
            resultsEl.innerHTML = "";
            var p = document.createElement("p");
            p.id = "ask-result";
            p.textContent = "ASK → " + json.boolean;
            resultsEl.appendChild(p);
            return 1;
          }
          downloadLinks(query);
          return table(json);
        }).then(function (n) { return [n, truncated]; });
      }
      return r.text().then(function (text) {
        var pre = document.createElement("pre");
        pre.tabIndex = 0;
        pre.textContent = text;
        resultsEl.appendChild(pre);
        return [r.headers.get("Gongyun-Rows"), truncated];
      });
    }).then(function (res) {
      var ms = Math.round(performance.now() - started);
      statusEl.textContent = res[0] + " " + (lang === "zh" ? "行" : "rows") + " · " + ms + " ms" +
        (res[1] ? " · " + (lang === "zh" ? "已截断 " : "truncated ") + res[1] : "");
    }).catch(function (e) {
      statusEl.textContent = "";
      errorEl.textContent = e.message;
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  document.getElementById("example-list").addEventListener("click", function (event) {
    var a = event.target.closest("a.example");
    if (!a) return;
    event.preventDefault();
    var ex = EXAMPLES[Number(a.dataset.index)];
    exampleId = ex.id;
    editor.setValue(ex.query);
    run();
  });

  function fromUrl() {
    var m = /(?:^#|&)query=([^&]*)/.exec(location.hash);
    if (m) {
      var q = decodeURIComponent(m[1].replace(/\+/g, " "));  // + for a space, as in a form
      if (q !== editor.getValue()) editor.setValue(q);
      run();
    }
  }
  window.addEventListener("hashchange", fromUrl);
  if (/(?:^#|&)query=/.test(location.hash)) fromUrl();
  else if (form.dataset.run) run();
  else if (document.getElementById("results-table")) downloadLinks(editor.getValue());
}());
