// Source reader: clicking a highlighted passage lists the claims the graph makes there.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("spans-data").textContent);
  var panel = document.getElementById("panel");
  var lang = document.body.dataset.lang;
  var base = document.body.dataset.base;

  function link(term, fallback) {
    if (!term) return document.createTextNode("–");
    if (term.url) {
      var a = document.createElement("a");
      a.href = term.url + (term.url.indexOf(base) === 0 ? "?lang=" + lang : "");
      a.textContent = data.labels[term.iri] || fallback || term.iri.split("/").slice(-2).join("/");
      a.title = term.iri;
      return a;
    }
    return document.createTextNode(term.value);
  }

  function show(ids) {
    document.querySelectorAll(".ann.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".ann").forEach(function (el) {
      var mine = el.dataset.spans.split(" ");
      if (ids.some(function (id) { return mine.indexOf(id) >= 0; })) el.classList.add("active");
    });
    panel.textContent = "";
    ids.forEach(function (id) {
      var span = data.spans[id];
      if (!span) return;
      var box = document.createElement("div");
      box.className = "card span-info";
      var q = document.createElement("p");
      var m = document.createElement("mark");
      m.textContent = span.quote;
      q.appendChild(m);
      var where = document.createElement("small");
      where.textContent = " [" + span.start + ", " + span.end + ") " + id.replace(/^ann-/, "");
      q.appendChild(where);
      box.appendChild(q);
      var ul = document.createElement("ul");
      ul.className = "claimlist";
      span.claims.forEach(function (cid) {
        var c = data.claims[cid];
        if (!c) return;
        var li = document.createElement("li");
        li.appendChild(link(c.s));
        li.appendChild(document.createTextNode(" · " + (data.labels[c.p] || c.p.split(/[#/]/).pop()) + " · "));
        // A time window or quantity has no label: its words as written name it.
        var named = c.o && c.o.iri && data.labels[c.o.iri];
        li.appendChild(link(c.o, c.written));
        if (c.written && named) li.appendChild(document.createTextNode("（" + c.written + "）"));
        var small = document.createElement("small");
        var a = document.createElement("a");
        a.href = c.url + "?lang=" + lang;
        a.textContent = " " + cid;
        small.appendChild(a);
        if (c.rank && c.rank !== "NormalRank") small.appendChild(document.createTextNode(" " + c.rank));
        li.appendChild(small);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      panel.appendChild(box);
    });
  }

  document.getElementById("reader").addEventListener("click", function (event) {
    var el = event.target.closest(".ann");
    if (el) show(el.dataset.spans.split(" "));
  });

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (data.spans[id]) {
      show([id]);
      var anchor = document.getElementById(id);
      if (anchor) anchor.scrollIntoView({block: "center"});
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
