// The workbench page: select an item, judge it (accept, reject, edit), write claims and
// entities, undo; every change goes to the server, which writes the YAML and answers with the
// paragraph as it now is. Every request carries the token; nothing is fetched from elsewhere.
"use strict";

const TOKEN = document.body.dataset.token;
const SOURCE = document.body.dataset.source;
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
let selected = null; // the selected item's id
let lastRuns = -1;
let pendingRetry = null; // the change a conflict stopped, to make again on the saved version
const seenChecks = new Set();

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {"X-Gongyun-Token": TOKEN, "Content-Type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = {};
  try { data = await response.json(); } catch (e) { data = {message: response.statusText}; }
  return {status: response.status, data};
}

function banner(text, kind = "error") {
  const el = $("#banner");
  el.textContent = text;
  el.className = kind;
  el.hidden = !text;
}

function paragraphOf(id) {
  const li = $(`li.item[data-id="${CSS.escape(id)}"]`);
  return li ? li.closest("article.para") : null;
}

function itemData(id) {
  const li = $(`li.item[data-id="${CSS.escape(id)}"]`);
  return li ? JSON.parse(li.dataset.item) : null;
}

function items() { return $$("li.item"); }

function select(id, scroll = true) {
  $$(".selected").forEach((el) => el.classList.remove("selected"));
  selected = id;
  const li = id && $(`li.item[data-id="${CSS.escape(id)}"]`);
  if (!li) { renderPanel(null); return; }
  li.classList.add("selected");
  $$(".seg[data-items]").filter((s) => s.dataset.items.split(" ").includes(id))
    .forEach((s) => s.classList.add("selected"));
  if (scroll) li.scrollIntoView({block: "nearest"});
  renderPanel(JSON.parse(li.dataset.item));
}

function move(step, proposalsOnly = false) {
  const list = items().filter((li) => !proposalsOnly || li.classList.contains("proposal"));
  if (!list.length) return;
  const all = items();
  const here = all.findIndex((li) => li.dataset.id === selected);
  let next;
  if (proposalsOnly) {
    next = list.find((li) => all.indexOf(li) > here) || list[0];
  } else {
    next = all[Math.min(all.length - 1, Math.max(0, here + step))];
  }
  select(next.dataset.id);
}

function field(label, value) {
  const row = document.createElement("div");
  row.className = "field";
  const name = document.createElement("span");
  name.textContent = label;
  const val = document.createElement("span");
  val.textContent = typeof value === "object" ? JSON.stringify(value) : String(value);
  val.lang = "zh";
  row.append(name, val);
  return row;
}

function button(text, action, title = "") {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.title = title;
  b.addEventListener("click", action);
  return b;
}

function renderPanel(item) {
  const panel = $("#panel");
  panel.replaceChildren();
  if (!item) {
    panel.innerHTML = '<p class="hint">Select a highlighted passage or an item (j / k).</p>';
    return;
  }
  const h = document.createElement("h2");
  h.textContent = `${item.kind}${item.proposal ? " (proposal)" : ""}`;
  const code = document.createElement("code");
  code.textContent = item.id;
  panel.append(h, code);
  for (const [key, value] of Object.entries(item.data)) {
    if (key === "claims" || key === "mentions" || key === "values") continue;
    panel.append(field(key, value));
  }
  const actions = document.createElement("menu");
  actions.className = "actions";
  if (item.proposal) {
    actions.append(button("Accept (a)", () => accept(item.id), "keep it as proposed"));
  }
  actions.append(button("Reject (r)", () => reject(item.id), "delete it from the file"));
  actions.append(button("Edit (e)", () => edit(item.id)));
  if (item.kind === "entity" && item.id.startsWith("place/")) {
    actions.append(button("Place to gazetteer", () => openPlace(item.id)));
  }
  if (item.kind === "claim") {
    actions.append(button("Disagreement…", () => openAttach("disagreement", item)));
    actions.append(button("Reading…", () => openAttach("reading", item)));
  }
  if (item.kind === "mention" && (item.data.candidates || []).length) {
    const note = document.createElement("p");
    note.textContent = "Ambiguous: choose what the name means.";
    panel.append(note);
    for (const candidate of item.data.candidates) {
      actions.append(button(`→ ${candidate}`, () => editClaim(null, {
        evidence: item.evidence, from: item.id, o: candidate, as: item.data.as})));
    }
  }
  panel.append(actions);
}

function replaceParagraph(payload) {
  const old = $(`#p${payload.number}`);
  const holder = document.createElement("div");
  holder.innerHTML = payload.html.trim();
  const fresh = holder.firstElementChild;
  if (old) old.replaceWith(fresh); else $("#general-findings").before(fresh);
  wireParagraph(fresh);
}

async function refreshAll() {
  const {data} = await api("GET", `/api/source/${SOURCE}/paragraphs`);
  for (const payload of data.paragraphs || []) replaceParagraph(payload);
  if (selected) select(selected, false);
}

function versionOf(number) {
  const article = $(`#p${number}`);
  return article ? article.dataset.version : "absent";
}

// A change to paragraph `number`: on success the paragraph is redrawn; on a conflict both
// versions are shown; a refusal is shown and nothing was written.
async function change(number, action, body, retried = false) {
  const payload = {...body, version: versionOf(number)};
  const {status, data} = await api("POST",
    `/api/source/${SOURCE}/paragraph/${number}/${action}`, payload);
  if (status === 409) {
    showConflict(data, () => change(number, action, body, true));
    return null;
  }
  if (status !== 200 && status !== 202) {
    banner(data.message || `refused (${status})`);
    return null;
  }
  banner("");
  if (data.needs === "claim") {
    editClaim(null, data.prefill);
    return data;
  }
  if (data.paragraph) replaceParagraph(data.paragraph);
  return data;
}

// The two versions side by side, the lines only one of them has marked (the server compares
// them).
function fillVersion(pre, lines, changed) {
  pre.replaceChildren();
  lines.forEach((line, index) => {
    const span = document.createElement("div");  // one line a block: no line is lost
    span.textContent = line || "\u200b";
    if (changed.has(index)) span.className = "changed";
    pre.append(span);
  });
  const first = $(".changed", pre);
  if (first) pre.scrollTop = Math.max(0, first.offsetTop - pre.offsetTop - 40);
}

function showConflict(data, retry) {
  const dialog = $("#conflict");
  $(".conflict-file", dialog).textContent = data.file || "";
  dialog.showModal();
  fillVersion($(".mine", dialog), (data.mine || "").split("\n"), new Set(data.only_mine));
  fillVersion($(".theirs", dialog), (data.theirs || "").split("\n"), new Set(data.only_theirs));
  pendingRetry = retry;
  $(".apply-mine", dialog).hidden = !retry;
  banner(data.message || "changed elsewhere", "error");
}

$("#conflict").addEventListener("close", async () => {
  const choice = $("#conflict").returnValue;
  await refreshAll();
  if (choice === "mine" && pendingRetry) await pendingRetry();
  pendingRetry = null;
});

async function accept(id) {
  const article = paragraphOf(id);
  if (!article) return;
  const item = itemData(id);
  if (item.kind === "entity" && item.data.named !== false && !item.data.en) {
    editEntity(item);
    banner("Give the entity its English name, then save: saving accepts it.", "info");
    return;
  }
  const data = await change(article.dataset.n, "accept", {id});
  if (data && data.ok) move(1, true);
}

async function reject(id, reason) {
  const article = paragraphOf(id);
  if (!article) return;
  const {status, data} = await api("POST",
    `/api/source/${SOURCE}/paragraph/${article.dataset.n}/reject`,
    {id, reason, version: article.dataset.version});
  if (status === 422 && /published in release/.test(data.message)) {
    const dialog = $("#reason-form");
    $(".reason-text", dialog).textContent = data.message;
    dialog.onsubmitted = (r) => reject(id, r);
    dialog.showModal();
    return;
  }
  if (status === 409) { showConflict(data, () => reject(id, reason)); return; }
  if (status !== 200) { banner(data.message); return; }
  banner("");
  const next = nextItemAfter(id);
  replaceParagraph(data.paragraph);
  select(next);
}

function nextItemAfter(id) {
  const all = items();
  const here = all.findIndex((li) => li.dataset.id === id);
  const after = all.slice(here + 1).find((li) => li.classList.contains("proposal"));
  return after ? after.dataset.id : null;
}

function edit(id) {
  const item = itemData(id);
  if (!item) return;
  if (item.kind === "entity") editEntity(item);
  else if (item.kind === "claim") editClaim(item);
  else if (item.kind === "mention") {
    editClaim(null, {evidence: item.evidence, from: item.id, o: item.data.o || "",
                     as: item.data.as});
  } else if (item.kind === "value") {
    editClaim(null, {evidence: item.evidence, from: item.id, ...item.data});
  } else openYaml(paragraphOf(id).dataset.n);
}

// --- entity form ---------------------------------------------------------------------------

function formOf(id) { return $(`#${id} form`); }

function openDialog(id) {
  const dialog = $(`#${id}`);
  $(".form-error", dialog) && ($(".form-error", dialog).textContent = "");
  dialog.showModal();
  const first = $("input:not([type=hidden]), select, textarea", dialog);
  if (first) first.focus();
}

function closeDialogs() { $$("dialog[open]").forEach((d) => d.close()); }

let entityTarget = null; // { paragraph, then(id) }: where a new entity is declared

function editEntity(item, target) {
  const form = formOf("entity-form");
  form.reset();
  const data = item ? item.data : {};
  form.elements.id.value = item ? item.id : "";
  const classes = Array.isArray(data.class) ? data.class : [data.class || "Organization"];
  form.elements.class.value = classes[0];
  form.elements.also.value = classes[1] || "";
  form.elements.zh.value = data.zh || "";
  form.elements.pinyin.value = data.pinyin || "";
  form.elements.en.value = data.en || "";
  form.elements.aliases.value = (data.aliases || []).join("、");
  form.elements.unnamed.checked = data.named === false;
  form.elements.note.value = data.note || "";
  entityTarget = target || {paragraph: item ? paragraphOf(item.id).dataset.n : null};
  openDialog("entity-form");
  if (!form.elements.pinyin.value && form.elements.zh.value) proposePinyin();
}

async function proposePinyin() {
  const form = formOf("entity-form");
  if (form.elements.unnamed.checked || !form.elements.zh.value) return;
  const {data} = await api("GET", `/api/pinyin?zh=${encodeURIComponent(form.elements.zh.value)}`);
  if (!form.elements.pinyin.dataset.touched) form.elements.pinyin.value = data.pinyin || "";
}

formOf("entity-form").elements.zh.addEventListener("change", proposePinyin);
formOf("entity-form").elements.pinyin.addEventListener("input", (e) => {
  e.target.dataset.touched = "1";
});

formOf("entity-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const el = form.elements;
  const values = {
    class: el.also.value ? [el.class.value, el.also.value] : el.class.value,
    zh: el.zh.value.trim(), pinyin: el.pinyin.value.trim(),
    en: el.en.value.trim(), note: el.note.value.trim(),
    aliases: el.aliases.value.split(/[、,，]/).map((s) => s.trim()).filter(Boolean),
    named: !el.unnamed.checked,
  };
  const number = entityTarget.paragraph || (selected && paragraphOf(selected)?.dataset.n);
  const body = {values};
  if (el.id.value) body.id = el.id.value;
  const data = await change(number, "entity", body);
  if (!data) { $(".form-error", form).textContent = $("#banner").textContent; return; }
  $("#entity-form").close();
  if (entityTarget.then) entityTarget.then(data.value);
  else select(data.value);
});

function openPlace(id) {
  const form = formOf("place-form");
  form.elements.id.value = id;
  openDialog("place-form");
}

formOf("place-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const id = form.elements.id.value;
  const data = await change(paragraphOf(id).dataset.n, "place",
                            {id, type: form.elements.type.value});
  if (data) $("#place-form").close();
  else $(".form-error", form).textContent = $("#banner").textContent;
});

// --- the entity chooser ----------------------------------------------------------------------

function wireChooser(box) {
  const input = $("input", box);
  const list = $(".hits", box);
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      list.replaceChildren();
      if (!q || q.includes("/")) return;
      const {data} = await api("GET",
        `/api/search?source=${SOURCE}&q=${encodeURIComponent(q)}`);
      for (const hit of data.hits || []) {
        const li = document.createElement("li");
        const b = button(`${hit.zh || ""} ${hit.pinyin || ""} ${hit.en || ""}`.trim(), () => {
          input.value = hit.id;
          list.replaceChildren();
        });
        b.className = "hit";
        const small = document.createElement("small");
        small.textContent = ` ${hit.id} · ${(hit.classes || []).join(", ")} · ${hit.where}`;
        li.append(b, small);
        list.append(li);
      }
      const li = document.createElement("li");
      li.append(button(`New entity “${q}”…`, () => {
        const paragraph = formOf("claim-form").dataset.paragraph;
        editEntity({id: "", data: {zh: q}}, {paragraph, then: (id) => {
          input.value = id;
          list.replaceChildren();
          if (!$("#claim-form").open) $("#claim-form").showModal();
        }});
      }));
      li.className = "new-entity";
      list.append(li);
    }, 200);
  });
}
$$(".chooser").forEach(wireChooser);

// --- claim form ------------------------------------------------------------------------------

const VALUE_KEYS = ["o", "date", "quantity", "text", "value"];

function editClaim(item, prefill = {}) {
  const form = formOf("claim-form");
  form.reset();
  const data = item ? item.data : prefill;
  const evidenceId = item ? item.evidence : (prefill.evidence || "");
  const number = paragraphOf(item ? item.id : (evidenceId || prefill.from || selected))?.dataset.n
    || prefill.paragraph;
  form.dataset.paragraph = number;
  const select = form.elements.evidence;
  select.replaceChildren();
  for (const li of $$(`#p${number} li.item.k-evidence`)) {
    const ev = JSON.parse(li.dataset.item);
    const option = document.createElement("option");
    option.value = ev.id;
    option.textContent = `${ev.id}: ${ev.data.quote}`;
    select.append(option);
  }
  const fresh = document.createElement("option");
  fresh.value = "";
  fresh.textContent = "a new evidence: the words below";
  select.append(fresh);
  select.value = evidenceId;
  form.elements.id.value = item ? item.id : "";
  form.elements.from.value = prefill.from || "";
  form.elements.s.value = data.s || "";
  form.elements.p.value = data.p || "";
  const vtype = VALUE_KEYS.find((k) => data[k] !== undefined && data[k] !== "") || "o";
  form.elements.vtype.value = vtype;
  form.elements.vo.value = vtype === "o" ? (data.o || "") : "";
  form.elements.vother.value = vtype !== "o" ? (data[vtype] ?? "") : "";
  for (const key of ["context", "unit", "counts", "as", "role", "note", "position"]) {
    form.elements[key].value = data[key] ?? "";
  }
  form.elements.completeness.value = data.completeness || "";
  form.elements.rank.value = data.rank || "normal";
  form.elements.kind.value = data.kind || "";
  const asOf = data.as_of || {};
  form.elements.as_of.value = asOf.date || "";
  form.elements.as_of_context.value = asOf.context || "";
  form.elements.from_date.value = (data.from || {}).date || "";
  form.elements.until_date.value = (data.until || {}).date || "";
  showValueField();
  openDialog("claim-form");
}

function showValueField() {
  const form = formOf("claim-form");
  const isEntity = form.elements.vtype.value === "o";
  $('.chooser[data-target="o"]', form).hidden = !isEntity;
  form.elements.vother.hidden = isEntity;
  $(".quote-field", form).hidden = form.elements.evidence.value !== "";
}
formOf("claim-form").elements.vtype.addEventListener("change", showValueField);
formOf("claim-form").elements.evidence.addEventListener("change", showValueField);

function claimValues(form) {
  const el = form.elements;
  const values = {s: el.s.value.trim(), p: el.p.value.trim()};
  const vtype = el.vtype.value;
  values[vtype] = vtype === "o" ? el.vo.value.trim() : el.vother.value.trim();
  for (const key of ["context", "unit", "counts", "as", "role", "note", "completeness",
                     "position", "kind"]) {
    if (el[key].value.trim()) values[key] = el[key].value.trim();
  }
  if (el.rank.value !== "normal") values.rank = el.rank.value;
  if (el.as_of.value.trim()) {
    values.as_of = {date: el.as_of.value.trim(), context: el.as_of_context.value.trim()};
  }
  if (el.from_date.value.trim()) values.from = {date: el.from_date.value.trim()};
  if (el.until_date.value.trim()) values.until = {date: el.until_date.value.trim()};
  return values;
}

formOf("claim-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const el = form.elements;
  const body = {values: claimValues(form)};
  if (el.id.value) body.id = el.id.value;
  else if (el.evidence.value) body.evidence = el.evidence.value;
  else body.quote = el.quote.value.trim();
  if (el.from.value) body.from = el.from.value;
  const data = await change(form.dataset.paragraph, "claim", body);
  if (!data || data.ok === false) {
    $(".form-error", form).textContent = $("#banner").textContent;
    return;
  }
  $("#claim-form").close();
  select(data.value);
});

// --- disagreements and readings -----------------------------------------------------------

function openAttach(kind, item) {
  const form = formOf("attach-form");
  form.reset();
  form.elements.kind.value = kind;
  $(".attach-title", form).textContent = kind === "disagreement" ? "Disagreement" : "Reading";
  $(".for-disagreement", form).hidden = kind !== "disagreement";
  $(".for-reading", form).hidden = kind !== "reading";
  if (item) {
    form.elements.claims.value = item.id;
    form.elements.reading_of.value = item.id;
    form.elements.rs.value = item.data.s || "";
    form.elements.rp.value = item.data.p || "";
  }
  openDialog("attach-form");
}
$(".attach-disagreement").addEventListener("click", () => {
  const id = formOf("claim-form").elements.id.value;
  openAttach("disagreement", id ? itemData(id) : null);
});
$(".attach-reading").addEventListener("click", () => {
  const id = formOf("claim-form").elements.id.value;
  openAttach("reading", id ? itemData(id) : null);
});

formOf("attach-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const el = event.target.elements;
  const kind = el.kind.value;
  const values = {rationale: el.rationale.value, rationale_zh: el.rationale_zh.value};
  if (kind === "disagreement") {
    values.claims = el.claims.value.split(/[\s,]+/).filter(Boolean);
    values.type = el.type.value;
  } else {
    Object.assign(values, {reading_of: el.reading_of.value.trim(), s: el.rs.value.trim(),
                           p: el.rp.value.trim()});
    if (el.rkind.value) values.kind = el.rkind.value;
    if (el.ro.value.trim()) values.o = el.ro.value.trim();
    if (el.rquantity.value.trim()) values.quantity = el.rquantity.value.trim();
    if (el.rtext.value.trim()) values.text = el.rtext.value.trim();
  }
  const {status, data} = await api("POST", `/api/source/${SOURCE}/attach`, {kind, values});
  if (status !== 200) { $(".form-error", event.target).textContent = data.message; return; }
  banner(`${kind} ${data.value} written to graph/curation/${SOURCE}.yaml`, "info");
  $("#attach-form").close();
});

// --- raw YAML, leaving an item out, marking checked --------------------------------------------

function openYaml(number) {
  const form = formOf("yaml-form");
  form.dataset.paragraph = number;
  form.elements.text.value = $(`#p${number} textarea.raw`).value;
  openDialog("yaml-form");
}

formOf("yaml-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const data = await change(form.dataset.paragraph, "raw", {text: form.elements.text.value});
  if (!data) { $(".form-error", form).textContent = $("#banner").textContent; return; }
  $("#yaml-form").close();
});

formOf("excuse-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const el = event.target.elements;
  const {status, data} = await api("POST", `/api/source/${SOURCE}/excuse`,
    {paragraph: el.paragraph.value, text: el.text.value, reason: el.reason.value});
  if (status !== 200) { $(".form-error", event.target).textContent = data.message; return; }
  $("#excuse-form").close();
  banner(`left out: ${el.text.value} (rebuilding)`, "info");
});

formOf("reason-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const dialog = $("#reason-form");
  dialog.close();
  if (dialog.onsubmitted) dialog.onsubmitted(event.target.elements.reason.value);
});

async function markChecked(number) {
  const data = await change(number, "check", {});
  if (data && data.job) banner(`¶${number}: building with it checked…`, "info");
}

async function undo() {
  const {status, data} = await api("POST", "/api/undo", {source: SOURCE});
  if (status === 409) { showConflict(data, null); return; }
  if (status !== 200) { banner(data.message); return; }
  banner(`undone: ${data.undone}`, "info");
  await refreshAll();
}

function wireParagraph(article) {
  $$("li.item", article).forEach((li) => li.addEventListener("click", () => select(li.dataset.id)));
  $$(".seg", article).forEach((seg) => seg.addEventListener("click", () => {
    const ids = seg.dataset.items.split(" ").filter((i) => !i.startsWith("uncovered-"));
    if (ids.length) select(ids[0], true);
  }));
  $$("a.goto", article).forEach((a) => a.addEventListener("click", (e) => {
    e.preventDefault();
    select(a.dataset.id);
  }));
  const n = article.dataset.n;
  $(".do-check", article)?.addEventListener("click", () => markChecked(n));
  $(".do-yaml", article)?.addEventListener("click", () => openYaml(n));
  $(".do-newclaim", article)?.addEventListener("click", () => editClaim(null, {paragraph: n}));
  $$(".do-excuse", article).forEach((b) => b.addEventListener("click", () => {
    const form = formOf("excuse-form");
    form.reset();
    form.elements.paragraph.value = n;
    form.elements.text.value = b.dataset.text;
    $("q", form).textContent = b.dataset.text;
    openDialog("excuse-form");
  }));
}

$$("article.para").forEach(wireParagraph);
$$("dialog .cancel").forEach((b) => b.addEventListener("click", () => b.closest("dialog").close()));
$("#undo").addEventListener("click", undo);
$("#help-button").addEventListener("click", () => $("#help").showModal());

document.addEventListener("keydown", (event) => {
  if (event.target.closest("input, textarea, select, dialog") || event.ctrlKey || event.metaKey
      || event.altKey) return;
  const keys = {
    j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
    n: () => move(1, true), a: () => selected && accept(selected),
    r: () => selected && reject(selected), e: () => selected && edit(selected),
    c: () => editClaim(null, {evidence: selected && (itemData(selected)?.evidence
      || (itemData(selected)?.kind === "evidence" ? selected : "")), paragraph:
      selected ? paragraphOf(selected)?.dataset.n : $("article.para")?.dataset.n}),
    u: undo, "?": () => $("#help").showModal(),
  };
  if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
});

// --- the build, beside the text -----------------------------------------------------------

async function poll() {
  const {status, data} = await api("GET", `/api/source/${SOURCE}/status`);
  if (status === 200) {
    const b = data.build;
    const text = b.status === "running" ? "build: running…"
      : b.ok === true ? `build: passed (${b.seconds} s)`
      : b.ok === false ? `build: problems (${b.seconds} s)` : "build: waiting";
    $("#build").textContent = text + (b.stale.length ? " · files changed since" : "");
    $("#build").className = b.status === "running" ? "running" : b.ok ? "passed" : "failed";
    $("#progress").textContent = `${data.checked.length} of ${data.paragraphs} paragraphs ` +
      `checked · published coverage ${data.coverage ?? "?"} %` +
      (data.complete ? " · complete" : "");
    const general = $("#general-findings");
    general.replaceChildren();
    for (const f of data.findings.general) {
      const li = document.createElement("li");
      li.className = f.severity;
      li.textContent = `${f.severity}: ${f.where ? f.where + ": " : ""}${f.message}`;
      general.append(li);
    }
    for (const [job, check] of Object.entries(data.checks)) {
      if (check.status === "running" || seenChecks.has(job)) continue;
      seenChecks.add(job);
      if (check.status === "passed") banner(`¶${check.paragraph} checked: its build passed.`, "info");
      else if (check.status === "stale") banner(`¶${check.paragraph} changed during its build: mark it checked again.`);
      else banner(`¶${check.paragraph} not checked, its build fails: ` +
        check.problems.map((p) => p.message).slice(0, 3).join(" · "));
      await refreshAll();
    }
    if (b.runs !== lastRuns && b.status !== "running") {
      lastRuns = b.runs;
      await refreshAll();
    }
  }
  setTimeout(poll, 1500);
}
poll();
