// Source reader: each highlighted passage is a link (so Tab reaches it and Enter opens it). A
// click or Enter shows the claims the graph makes there in the panel, fetched from the server
// (the same HTML the page draws itself for ?span=, which is where the link goes without
// JavaScript); focus moves to the panel, and its "back to the text" link returns it.
(function () {
  "use strict";
  var reader = document.getElementById("reader");
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var lang = document.body.dataset.lang;
  var base = document.body.dataset.base;
  var source = reader.dataset.source;
  var last = null;  // the passage whose claims are shown

  var close = document.createElement("button");
  close.type = "button";
  close.className = "close plain";
  close.textContent = lang === "zh" ? "关闭" : "Close";
  close.addEventListener("click", function () { panel.classList.remove("open"); back(); });
  panel.insertBefore(close, body);

  function mark(ids) {
    reader.querySelectorAll(".ann.active").forEach(function (el) { el.classList.remove("active"); });
    reader.querySelectorAll(".ann").forEach(function (el) {
      var mine = el.dataset.spans.split(" ");
      if (ids.some(function (id) { return mine.indexOf(id) >= 0; })) el.classList.add("active");
    });
  }

  function show(ids, focus) {
    mark(ids);
    var url = base + "/sources/" + source + "/panel?lang=" + lang + "&span=" + encodeURIComponent(ids.join(" "));
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      body.innerHTML = html;  // the server's own escaped HTML
      panel.classList.add("open");
      panel.dataset.shown = ids.join(" ");
      if (focus) panel.focus();
    });
  }

  function back() {
    if (last) last.focus();
  }

  reader.addEventListener("click", function (event) {
    var el = event.target.closest("a.ann");
    if (!el) return;
    event.preventDefault();
    last = el;
    var ids = el.dataset.spans.split(" ");
    history.replaceState(null, "", location.pathname + location.search + "#" + ids[0]);
    show(ids, true);
  });

  panel.addEventListener("click", function (event) {
    var a = event.target.closest("a.back");
    if (!a) return;
    event.preventDefault();
    back();
  });

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var anchor = /^ann-/.test(id) && document.getElementById(id);
    if (!anchor) return;
    var link = anchor.nextElementSibling;
    while (link && !(link.classList.contains("ann") && link.dataset.spans.split(" ").indexOf(id) >= 0)) {
      link = link.nextElementSibling;
    }
    last = link;
    var shown = (panel.dataset.shown || "").split(" ");
    if (shown.indexOf(id) < 0) show([id], false);
    else mark(shown);
    anchor.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
