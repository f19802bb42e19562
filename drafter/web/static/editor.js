// drafter's editor page. The source text is the one truth: the form edits its data and the
// server merges that data into the text (keeping comments and layout); the YAML view edits the
// text itself. Every change is previewed by the server (both pages and every finding) after a
// short pause, and kept in localStorage until it is saved.
"use strict";

const NAME = document.body.dataset.name;
const STORE = "drafter:" + NAME;
const PAUSE = 120; // ms of quiet before a preview; the server answers in about 100 ms
const PLACEHOLDER = "[…]";
const LANGS = [["en", "English"], ["fr", "French"]];

const state = {
  text: "", // the source text being edited
  savedText: "", // the text on disk, as last read or saved
  version: "", // the version of the file the edits started from
  data: null, // the text's data, as the form edits it
  vocab: null,
  sent: 0, // number of the last preview asked for
  shown: 0, // number of the last preview applied
  timer: 0,
  errors: [],
  findings: [],
  selected: null, // {part, index}
  formStale: false,
};

const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function status(message, bad) {
  const node = $("status");
  node.textContent = message;
  node.classList.toggle("bad", Boolean(bad));
}

function notice(message) {
  const node = $("notice");
  node.textContent = message;
  node.hidden = !message;
}

async function call(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  return response;
}

async function json(path, body) {
  const response = await call(path, body);
  const answer = await response.json().catch(() => ({ error: "The editor did not answer; is drafter serve still running?" }));
  return { ok: response.ok, status: response.status, answer };
}

// -- start ------------------------------------------------------------------------------------

async function start() {
  const [vocab, source] = await Promise.all([
    json("/api/vocabulary"), json("/api/source/" + encodeURIComponent(NAME)),
  ]);
  if (!source.ok || !vocab.ok) {
    status((source.answer.error || vocab.answer.error), true);
    return;
  }
  state.vocab = vocab.answer;
  fillPhrases();
  state.version = source.answer.version;
  state.savedText = source.answer.text;
  let text = source.answer.text;
  const kept = readStore();
  if (kept && kept.text !== text) {
    text = kept.text;
    state.version = kept.version;
    notice(kept.version === source.answer.version
      ? "Your unsaved edits were restored. Save writes them to the file."
      : "Your unsaved edits were restored, but the file has changed on disk since: saving will ask before overwriting it.");
  }
  state.text = text;
  $("yaml").value = text;
  wire();
  await preview({ text }, true);
}

function readStore() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || "null");
  } catch {
    return null;
  }
}

function keep() {
  if (state.text === state.savedText) localStorage.removeItem(STORE);
  else localStorage.setItem(STORE, JSON.stringify({ text: state.text, version: state.version }));
}

function fillPhrases() {
  for (const part of ["preamble", "operative"]) {
    const list = $("phrases-" + part);
    for (const phrase of state.vocab.phrases[part]) {
      list.append(el("option", { value: phrase.key, label: `${phrase.en} / ${phrase.fr}` }));
    }
  }
}

function phraseWords(part, key) {
  if (key && typeof key === "object") return `${key.en || "?"} / ${key.fr || "?"}`;
  const phrase = state.vocab.phrases[part].find((item) => item.key === key);
  return phrase ? `${phrase.en} / ${phrase.fr}` : "not in the phrase book";
}

// -- previews ---------------------------------------------------------------------------------

function formChanged() {
  keepPending();
  schedule(() => preview({ text: state.text, data: state.data }));
}

function textChanged() {
  state.text = $("yaml").value;
  keep();
  state.formStale = true;
  schedule(() => preview({ text: state.text }));
}

function keepPending() {
  status("Editing…");
}

function schedule(task) {
  clearTimeout(state.timer);
  state.timer = setTimeout(task, PAUSE);
}

async function preview(payload, first) {
  const number = ++state.sent;
  const { ok, answer } = await json("/api/render", { name: NAME, ...payload });
  if (number < state.shown) return; // a later keystroke was answered already
  state.shown = number;
  if (!ok) {
    status(answer.error, true);
    return;
  }
  state.text = answer.text;
  if (document.activeElement !== $("yaml")) $("yaml").value = answer.text;
  if (!("data" in payload) && answer.data) {
    state.data = answer.data;
    state.formStale = true;
  }
  state.errors = answer.errors;
  if (answer.valid) {
    state.findings = answer.findings;
    for (const [lang] of LANGS) {
      const pane = $("preview-" + lang);
      pane.innerHTML = answer.html[lang];
      pane.classList.remove("stale");
    }
    markSelection();
  } else {
    for (const [lang] of LANGS) $("preview-" + lang).classList.add("stale");
  }
  if (first || (state.formStale && !$("form").hidden)) buildForm();
  showFindings();
  keep();
  if (!answer.valid) {
    const error = answer.errors[0];
    status(`Not valid — line ${error.line}, column ${error.column}`, true);
  } else {
    status(state.text === state.savedText ? "Saved" : "Unsaved changes");
  }
  if (first) {
    const session = state.data && Number(state.data.session);
    if (session) $("followup-session").value = session + 2;
  }
}

// -- findings ---------------------------------------------------------------------------------

function allFindings() {
  return [...state.errors, ...(state.errors.length ? [] : state.findings)];
}

function describe(finding) {
  const where = [finding.paragraph, finding.line ? `line ${finding.line}, column ${finding.column}` : ""]
    .filter(Boolean).join(" — ");
  return { code: finding.code === "source" ? "Source" : finding.code, where };
}

function showFindings() {
  const list = $("findings-list");
  list.replaceChildren();
  const findings = allFindings();
  const errors = findings.filter((item) => item.severity === "error").length;
  $("findings-count").textContent = findings.length
    ? `${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning${findings.length - errors === 1 ? "" : "s"}`
    : "none";
  for (const finding of findings) {
    const { code, where } = describe(finding);
    list.append(el("li", {
      class: `finding ${finding.severity}`,
      onclick: () => finding.part && select(finding.part, finding.index, true),
    }, el("span", { class: "code", text: code }), finding.message, " ",
    el("span", { class: "where", text: `(${where})` }),
    finding.hint ? el("span", { class: "fix", text: finding.hint }) : null));
  }
  for (const box of document.querySelectorAll(".para-findings")) box.replaceChildren();
  for (const finding of findings) {
    if (!finding.part) continue;
    const box = document.querySelector(`.paragraph[data-part="${finding.part}"][data-index="${finding.index}"] > .para-findings`);
    if (!box) continue;
    const { code, where } = describe(finding);
    box.append(el("li", { class: `finding ${finding.severity}` },
      el("strong", { text: code + " " }), finding.message,
      el("span", { class: "fix", text: [finding.hint, where].filter(Boolean).join(" — ") })));
  }
}

// -- selection --------------------------------------------------------------------------------

function select(part, index, scroll) {
  state.selected = { part, index };
  if ($("form").hidden) showTab("form");
  for (const card of document.querySelectorAll(".paragraph.selected")) card.classList.remove("selected");
  const card = document.querySelector(`.paragraph[data-part="${part}"][data-index="${index}"]`);
  if (card) {
    card.classList.add("selected");
    if (scroll) card.scrollIntoView({ block: "center" });
  }
  markSelection();
}

function markSelection() {
  for (const node of document.querySelectorAll(".page .selected")) node.classList.remove("selected");
  if (!state.selected) return;
  const { part, index } = state.selected;
  for (const node of document.querySelectorAll(`.page [data-part="${part}"][data-index="${index}"]`)) {
    node.classList.add("selected");
  }
}

// -- the form ---------------------------------------------------------------------------------

function field(label, input) {
  return el("label", { class: "field" }, label, input);
}

function input(value, onchange, attributes) {
  const node = el("input", { value: value ?? "", ...attributes });
  node.addEventListener("input", () => onchange(node.value));
  return node;
}

function textarea(value, onchange, attributes) {
  const node = el("textarea", attributes);
  node.value = value ?? "";
  node.addEventListener("input", () => onchange(node.value));
  node.addEventListener("focus", () => { state.lastText = node; });
  return node;
}

function choice(value, options, onchange, attributes) {
  const node = el("select", attributes, options.map(([key, label]) => el("option", { value: key, text: label, selected: key === value })));
  node.addEventListener("change", () => onchange(node.value));
  return node;
}

function setter(object, key, kind) {
  return (value) => {
    if (value === "" && kind !== "text") delete object[key];
    else object[key] = kind === "int" ? Number(value) : value;
    formChanged();
  };
}

function buildForm() {
  state.formStale = false;
  const form = $("form");
  form.replaceChildren();
  const data = state.data;
  if (!data || typeof data !== "object") {
    form.append(el("p", { class: "bad", text: "The YAML text cannot be read as a source: correct it in the YAML view." }));
    return;
  }
  form.append(metadata(data), sponsors(data), part(data, "preamble"), part(data, "operative"));
  showFindings();
  if (state.selected) select(state.selected.part, state.selected.index, false);
}

function metadata(data) {
  data.agenda_item ||= {};
  data.mandate ||= {};
  const organizations = state.vocab.organizations.map((item) => [item.key, item.en]);
  const grid = el("div", { class: "grid" },
    field("Organization", choice(data.organization, organizations, setter(data, "organization"), { name: "organization" })),
    field("Session", input(data.session, setter(data, "session", "int"), { type: "number", min: 1, max: 120, name: "session" })),
    field("Stage", choice(data.stage, [["draft", "draft"], ["adopted", "adopted"]], (value) => {
      data.stage = value;
      if (value === "adopted") data.adoption ||= { date: data.distribution_date, meeting: 1 };
      else delete data.adoption;
      buildForm();
      formChanged();
    }, { name: "stage" })),
    field("Symbol", input(data.symbol, setter(data, "symbol"), { name: "symbol" })),
    field("Draft symbol (adopted)", input(data.draft_symbol, setter(data, "draft_symbol"), { name: "draft_symbol" })),
    field("Distribution date", input(data.distribution_date, setter(data, "distribution_date"), { type: "date", name: "distribution_date" })),
    field("Agenda item", input(data.agenda_item.number, setter(data.agenda_item, "number", "int"), { type: "number", min: 1, max: 999 })),
    field("Sub-item", input(data.agenda_item.sub_item, setter(data.agenda_item, "sub_item"), { maxlength: 2 })),
    field("Report of the Secretary-General", input(data.report, setter(data, "report"), { name: "report" })),
    field("Report at session", input(data.mandate.report_session, setter(data.mandate, "report_session", "int"), { type: "number" })),
    field("Agenda of session", input(data.mandate.agenda_session, setter(data.mandate, "agenda_session", "int"), { type: "number" })),
    field("Page size", choice(data.page_size || "A4", [["A4", "A4"], ["Letter", "Letter"]], setter(data, "page_size"))),
    field("Original language (drafts)", choice(data.original || "en", [["en", "English"], ["fr", "French"]], setter(data, "original"), { name: "original" })),
  );
  if (data.adoption) {
    grid.append(
      field("Adopted on", input(data.adoption.date, setter(data.adoption, "date"), { type: "date" })),
      field("Plenary meeting", input(data.adoption.meeting, setter(data.adoption, "meeting", "int"), { type: "number", min: 1 })),
    );
  }
  return el("fieldset", {}, el("legend", { text: "Resolution" }), grid);
}

function sponsors(data) {
  const list = data.sponsors || [];
  const box = el("div", { class: "param-list" });
  list.forEach((sponsor, index) => {
    box.append(el("div", { class: "param-item" },
      field("English", input(sponsor.en, setter(sponsor, "en", "text"))),
      field("French", input(sponsor.fr, setter(sponsor, "fr", "text"))),
      el("button", { type: "button", title: "Remove", text: "✕", onclick: () => { list.splice(index, 1); if (!list.length) delete data.sponsors; buildForm(); formChanged(); } })));
  });
  box.append(el("div", { class: "tools" }, el("button", {
    type: "button", text: "Add a sponsor",
    onclick: () => { data.sponsors = list; list.push({ en: PLACEHOLDER, fr: PLACEHOLDER }); buildForm(); formChanged(); },
  })));
  return el("fieldset", {}, el("legend", { text: "Sponsors" }), box);
}

function part(data, name) {
  const list = data[name] || (data[name] = []);
  const title = name === "preamble" ? "Preamble" : "Operative part";
  const box = el("fieldset", { class: "part", "data-section": name }, el("legend", { text: title }));
  list.forEach((paragraph, index) => box.append(card(list, name, index)));
  box.append(el("div", { class: "tools" }, el("button", {
    type: "button", text: name === "preamble" ? "Add a preambular paragraph" : "Add an operative paragraph",
    onclick: () => { list.push(freshParagraph(name)); state.selected = { part: name, index: list.length - 1 }; buildForm(); formChanged(); },
  })));
  return box;
}

function freshParagraph(name) {
  return name === "preamble" ? { opener: "recalling", en: PLACEHOLDER, fr: PLACEHOLDER }
    : { verb: "requests", en: PLACEHOLDER, fr: PLACEHOLDER };
}

function card(list, name, index) {
  const paragraph = list[index];
  const phraseKey = name === "preamble" ? "opener" : "verb";
  const label = `${name === "preamble" ? "Preambular" : "Operative"} paragraph ${index + 1}`;
  const kinds = [["prose", "prose"], ...state.vocab.standards[name].map((item) => [item, `standard: ${item.replaceAll("_", " ")}`])];
  const kind = paragraph.standard || "prose";
  const move = (delta) => {
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    [list[index], list[target]] = [list[target], list[index]];
    state.selected = { part: name, index: target };
    buildForm();
    formChanged();
  };
  const head = el("div", { class: "paragraph-head" },
    el("span", { class: "label", text: label }),
    choice(kind, kinds, (value) => { list[index] = reshaped(paragraph, name, value); buildForm(); formChanged(); }, { "aria-label": "Kind of paragraph" }),
    el("button", { type: "button", title: "Move up", text: "↑", onclick: () => move(-1) }),
    el("button", { type: "button", title: "Move down", text: "↓", onclick: () => move(1) }),
    el("button", { type: "button", title: "Add a paragraph after this one", text: "+", onclick: () => { list.splice(index + 1, 0, freshParagraph(name)); state.selected = { part: name, index: index + 1 }; buildForm(); formChanged(); } }),
    el("button", { type: "button", title: "Delete", text: "✕", onclick: () => { if (list.length > 1) { list.splice(index, 1); state.selected = null; buildForm(); formChanged(); } } }),
  );
  const body = el("div", { class: "paragraph-body" }, phrase(paragraph, phraseKey, name));
  if (kind === "prose") {
    body.append(bilingual(paragraph));
    if (name === "operative") body.append(subparagraphs(paragraph, 1));
  } else {
    body.append(parameters(paragraph, kind));
  }
  const node = el("div", { class: "paragraph", "data-part": name, "data-index": index }, head, body, el("ul", { class: "para-findings" }));
  node.addEventListener("focusin", () => select(name, index, false));
  return node;
}

function reshaped(paragraph, name, kind) {
  const phraseKey = name === "preamble" ? "opener" : "verb";
  if (kind === "prose") {
    const fresh = freshParagraph(name);
    if (paragraph[phraseKey]) fresh[phraseKey] = paragraph[phraseKey];
    return fresh;
  }
  return { standard: kind, ...defaults(definition(kind)) };
}

function phrase(paragraph, key, name) {
  const value = paragraph[key];
  const standard = paragraph.standard ? definition(paragraph.standard).properties[key]?.default : undefined;
  const wordsOf = (current) => (current === undefined && standard ? `${phraseWords(name, standard)} (the standard phrase)` : phraseWords(name, current));
  const words = el("span", { class: "phrase-words", text: wordsOf(value) });
  const update = () => { words.textContent = wordsOf(paragraph[key]); formChanged(); };
  const row = el("div", { class: "phrase" });
  if (value && typeof value === "object") {
    row.append(el("div", { class: "bilingual" },
      field("Phrase (English)", input(value.en, (text) => { value.en = text; update(); })),
      field("Phrase (French)", input(value.fr, (text) => { value.fr = text; update(); }))),
    el("button", { type: "button", text: "From the phrase book", onclick: () => { paragraph[key] = name === "preamble" ? "recalling" : "requests"; buildForm(); formChanged(); } }));
  } else {
    const label = key === "opener" ? "Opening phrase" : "Operative verb";
    row.append(field(`${label} (phrase book key) — `, input(value, (text) => {
      if (text) paragraph[key] = text; else delete paragraph[key];
      update();
    }, { list: "phrases-" + name, name: key, placeholder: standard || "" })),
    el("button", {
      type: "button", text: "Type it",
      title: "Write the phrase in both languages instead of choosing it from the phrase book",
      onclick: () => { paragraph[key] = { en: "", fr: "" }; buildForm(); },
    }));
    row.querySelector(".field").append(words);
  }
  return row;
}

function bilingual(object) {
  const box = el("div", { class: "bilingual" });
  for (const [lang, label] of LANGS) {
    const area = textarea(object[lang], (text) => { object[lang] = text; formChanged(); }, { name: lang, lang, "aria-label": label });
    box.append(field(label, area));
  }
  return el("div", {}, box, markupTools());
}

function markupTools() {
  const insert = (before, after, fallback) => () => {
    const area = state.lastText;
    if (!area || !document.body.contains(area)) return;
    const start = area.selectionStart;
    const end = area.selectionEnd;
    const chosen = area.value.slice(start, end) || fallback;
    area.setRangeText(before + chosen + after, start, end, "end");
    area.dispatchEvent(new Event("input"));
    area.focus();
  };
  return el("div", { class: "tools" },
    el("button", { type: "button", text: "Italic", title: "{i|…}", onclick: insert("{i|", "}", "text") }),
    el("button", { type: "button", text: "Footnote", title: "{fn|…}: a footnote at this place", onclick: insert("{fn|", "}", "Footnote text.") }),
    el("button", { type: "button", text: "Resolution", title: "{res|number|date}: a cited resolution", onclick: insert("{res|", "}", "77/13|2022-11-21") }),
    el("button", { type: "button", text: "Document", title: "{doc|symbol}: a document symbol", onclick: insert("{doc|", "}", "A/77/277") }),
    el("button", { type: "button", text: "Date", title: "{date|YYYY-MM-DD}", onclick: insert("{date|", "}", "2024-01-01") }),
  );
}

function subparagraphs(parent, depth) {
  const list = parent.subparagraphs || [];
  const box = el("div", { class: "subparagraphs" });
  list.forEach((item, index) => {
    const letter = depth === 1 ? String.fromCharCode(97 + (index % 26)) : romans(index + 1);
    box.append(el("div", { class: "paragraph sub" },
      el("div", { class: "paragraph-head" }, el("span", { class: "label", text: `Sub-paragraph (${letter})` }),
        el("button", { type: "button", title: "Delete", text: "✕", onclick: () => { list.splice(index, 1); if (!list.length) delete parent.subparagraphs; buildForm(); formChanged(); } })),
      bilingual(item), depth < 2 ? subparagraphs(item, depth + 1) : null));
  });
  box.append(el("div", { class: "tools" }, el("button", {
    type: "button", text: depth === 1 ? "Add a sub-paragraph" : "Divide further",
    onclick: () => { parent.subparagraphs = list; list.push({ en: PLACEHOLDER, fr: PLACEHOLDER }); buildForm(); formChanged(); },
  })));
  return box;
}

function romans(number) {
  return ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][number - 1] || String(number);
}

// -- standard paragraphs, edited from the JSON Schema -----------------------------------------

function resolve(node) {
  if (node && node.$ref) return state.vocab.schema.$defs[node.$ref.split("/").pop()];
  return node;
}

function definition(standard) {
  return Object.values(state.vocab.schema.$defs).find((item) => item.properties?.standard?.const === standard) || { properties: {} };
}

function optionalOf(node) {
  // "X or null" → X
  if (node && node.anyOf) return resolve(node.anyOf.find((item) => item.type !== "null"));
  return resolve(node);
}

function defaults(node) {
  node = optionalOf(node);
  if (!node) return "";
  if (node.type === "array") return Array.from({ length: node.minItems || 0 }, () => defaults(node.items));
  if (node.type === "object" || node.properties) {
    const value = {};
    for (const key of node.required || []) {
      if (key === "standard") continue;
      value[key] = defaults(node.properties[key]);
    }
    return value;
  }
  if (node.type === "integer") return node.minimum || node.exclusiveMinimum + 1 || 1;
  if (node.format === "date") return new Date().toISOString().slice(0, 10);
  if (node.examples) return node.examples[0];
  return PLACEHOLDER;
}

function parameters(paragraph, standard) {
  const schema = definition(standard);
  const box = el("div", { class: "params" });
  if (schema.description) box.append(el("p", { class: "hint", text: schema.description }));
  for (const [key, node] of Object.entries(schema.properties)) {
    if (["standard", "opener", "verb"].includes(key)) continue;
    if (key in paragraph) {
      box.append(valueEditor(key, paragraph, key, node, () => { delete paragraph[key]; buildForm(); formChanged(); }));
    } else {
      box.append(el("div", { class: "tools" }, el("button", {
        type: "button", text: `Add ${key.replaceAll("_", " ")}`, title: node.description || "",
        onclick: () => { paragraph[key] = defaults(node); buildForm(); formChanged(); },
      })));
    }
  }
  return box;
}

function valueEditor(label, holder, key, node, remove) {
  node = optionalOf(node);
  const value = holder[key];
  const removeButton = remove && !(node && node.minItems) ? el("button", { type: "button", text: "✕", title: "Remove", onclick: remove }) : null;
  if (node && node.type === "array") {
    const itemNode = node.items;
    const box = el("div", { class: "param-list" }, el("strong", { text: label.replaceAll("_", " ") }));
    value.forEach((item, index) => {
      box.append(el("div", { class: "param-item" },
        valueEditor(`${index + 1}`, value, index, itemNode, null),
        el("button", { type: "button", text: "✕", title: "Remove", onclick: () => { if (value.length > (node.minItems || 0)) { value.splice(index, 1); buildForm(); formChanged(); } } })));
    });
    box.append(el("div", { class: "tools" }, el("button", { type: "button", text: "Add", onclick: () => { value.push(defaults(itemNode)); buildForm(); formChanged(); } }), removeButton));
    return box;
  }
  if (node && (node.type === "object" || node.properties)) {
    if ("en" in node.properties && "fr" in node.properties && Object.keys(node.properties).length === 2) {
      return el("div", {}, el("strong", { text: label.replaceAll("_", " ") }), bilingual(value), removeButton);
    }
    const row = el("div", { class: "param-item" });
    for (const [name, child] of Object.entries(node.properties)) {
      if (name in value) row.append(valueEditor(name, value, name, child, null));
      else row.append(el("button", { type: "button", text: `+ ${name}`, onclick: () => { value[name] = defaults(child); buildForm(); formChanged(); } }));
    }
    return row;
  }
  const kind = node && node.type === "integer" ? "int" : "text";
  const attributes = node && node.format === "date" ? { type: "date" } : kind === "int" ? { type: "number" } : {};
  return el("div", { class: "param-item" }, field(String(label).replaceAll("_", " "), input(value, (text) => {
    holder[key] = kind === "int" ? Number(text) : text;
    formChanged();
  }, attributes)), removeButton);
}

// -- YAML view and its completion -------------------------------------------------------------

function showTab(which) {
  const form = which === "form";
  $("tab-form").setAttribute("aria-selected", String(form));
  $("tab-yaml").setAttribute("aria-selected", String(!form));
  $("form").hidden = !form;
  $("yaml-view").hidden = form;
  document.body.classList.toggle("yaml-mode", !form);
  if (form && state.formStale) buildForm();
  if (!form) $("yaml").value = state.text;
}

function yamlContext(text, caret) {
  const lineStart = text.lastIndexOf("\n", caret - 1) + 1;
  const line = text.slice(lineStart, caret);
  const keyMatch = /^(\s*)(- )?([A-Za-z_]*)$/.exec(line);
  const valueMatch = /^(\s*)(- )?([A-Za-z_]+):\s+\{?\s*([\w-]*)$/.exec(line) || /[{,]\s*([A-Za-z_]+):\s*([\w-]*)$/.exec(line);
  const indent = (keyMatch || valueMatch || ["", ""])[1]?.length ?? 0;
  const path = [];
  let limit = indent + (keyMatch && keyMatch[2] ? 2 : 0);
  if (keyMatch && keyMatch[2]) limit = indent + 1;
  const before = text.slice(0, lineStart).split("\n").reverse();
  let sibling = null;
  for (const previous of before) {
    const found = /^(\s*)(- )?([A-Za-z_]+):/.exec(previous);
    if (!found) continue;
    const depth = found[1].length + (found[2] ? 2 : 0);
    if (depth === indent && !sibling && found[3] === "standard") sibling = previous.split(":")[1].trim();
    if (depth < limit || (found[2] && found[1].length < indent)) {
      path.unshift(found[3]);
      limit = found[1].length;
      if (limit === 0) break;
    }
  }
  if (keyMatch) return { kind: "key", word: keyMatch[3], path, sibling };
  if (valueMatch) {
    const key = valueMatch.length === 5 ? valueMatch[3] : valueMatch[1];
    const word = valueMatch.length === 5 ? valueMatch[4] : valueMatch[2];
    return { kind: "value", key, word, path };
  }
  return null;
}

function schemaAt(path) {
  let node = state.vocab.schema;
  const nodes = [node];
  for (const key of path) {
    const next = [];
    for (const current of nodes.splice(0)) {
      for (const variant of variants(current)) {
        const property = variant.properties?.[key];
        if (!property) continue;
        for (const inner of variants(property)) {
          if (inner.type === "array") next.push(...variants(inner.items));
          else next.push(inner);
        }
      }
    }
    nodes.push(...next);
  }
  return nodes;
}

function variants(node) {
  node = resolve(node);
  if (!node) return [];
  const list = node.oneOf || node.anyOf;
  if (list) return list.map(resolve).filter((item) => item && item.type !== "null").flatMap(variants);
  return [node];
}

function candidates(context) {
  if (context.kind === "key") {
    const nodes = schemaAt(context.path);
    const seen = new Map();
    for (const node of nodes) {
      if (context.sibling && node.properties?.standard && node.properties.standard.const !== context.sibling) continue;
      for (const [key, property] of Object.entries(node.properties || {})) {
        if (!seen.has(key)) seen.set(key, resolve(property).description || property.description || property.title || "");
      }
    }
    return [...seen].map(([value, help]) => ({ value, help, insert: value + ": " }));
  }
  const section = context.path.includes("operative") ? "operative" : "preamble";
  if (context.key === "opener" || context.key === "verb") {
    return state.vocab.phrases[context.key === "opener" ? "preamble" : "operative"].map((item) => ({ value: item.key, help: `${item.en} / ${item.fr}`, insert: item.key }));
  }
  if (context.key === "organization") return state.vocab.organizations.map((item) => ({ value: item.key, help: item.en, insert: item.key }));
  if (context.key === "standard") return state.vocab.standards[section].map((item) => ({ value: item, help: definition(item).description || "", insert: item }));
  const values = new Set();
  for (const node of schemaAt([...context.path, context.key])) {
    for (const item of node.enum || []) values.add(item);
    if (node.const) values.add(node.const);
  }
  return [...values].map((value) => ({ value, help: "", insert: String(value) }));
}

const completion = { items: [], active: 0, context: null };

function complete(force) {
  const area = $("yaml");
  const context = yamlContext(area.value, area.selectionStart);
  const list = $("completion");
  if (!context || (!force && context.word === "" && context.kind === "key")) {
    list.hidden = true;
    return;
  }
  const items = candidates(context).filter((item) => String(item.value).startsWith(context.word) && item.value !== context.word).slice(0, 60);
  completion.items = items;
  completion.active = 0;
  completion.context = context;
  if (!items.length) {
    list.hidden = true;
    return;
  }
  list.replaceChildren(...items.map((item, index) => el("li", {
    role: "option", "aria-selected": String(index === 0),
    onmousedown: (event) => { event.preventDefault(); accept(index); },
  }, String(item.value), item.help ? el("small", { text: item.help.slice(0, 70) }) : null)));
  const caret = caretPosition(area);
  list.style.left = `${Math.min(caret.left, area.offsetLeft + area.clientWidth - 280)}px`;
  list.hidden = false;
  // below the caret's line, or above it when the list would leave the text area
  const bottom = area.offsetTop + area.clientHeight;
  const top = caret.top + list.offsetHeight > bottom ? caret.top - caret.lineHeight - list.offsetHeight : caret.top;
  list.style.top = `${Math.max(area.offsetTop, top)}px`;
}

function caretPosition(area) {
  const before = area.value.slice(0, area.selectionStart);
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n") - 1;
  const style = getComputedStyle(area);
  const lineHeight = parseFloat(style.lineHeight);
  const probe = document.createElement("canvas").getContext("2d");
  probe.font = `${style.fontSize} ${style.fontFamily}`;
  const width = probe.measureText("m").width;
  return { left: area.offsetLeft + 9 + column * width - area.scrollLeft, top: area.offsetTop + 9 + line * lineHeight - area.scrollTop, lineHeight };
}

function accept(index) {
  const item = completion.items[index];
  const area = $("yaml");
  const caret = area.selectionStart;
  area.setRangeText(item.insert, caret - completion.context.word.length, caret, "end");
  $("completion").hidden = true;
  area.focus();
  textChanged();
}

function completionKeys(event) {
  const list = $("completion");
  if (event.key === " " && event.ctrlKey) {
    event.preventDefault();
    complete(true);
    return;
  }
  if (list.hidden) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    completion.active = (completion.active + (event.key === "ArrowDown" ? 1 : -1) + completion.items.length) % completion.items.length;
    [...list.children].forEach((node, index) => node.setAttribute("aria-selected", String(index === completion.active)));
    list.children[completion.active].scrollIntoView({ block: "nearest" });
  } else if (event.key === "Enter" || event.key === "Tab") {
    event.preventDefault();
    accept(completion.active);
  } else if (event.key === "Escape") {
    list.hidden = true;
  }
}

// -- saving and outputs -----------------------------------------------------------------------

async function save(force) {
  clearTimeout(state.timer);
  const text = state.text;
  status("Saving…");
  const { ok, status: code, answer } = await json("/api/save", { name: NAME, text, version: state.version, force: Boolean(force) });
  if (code === 409) {
    if (window.confirm(`${answer.error} Replace it with your version? (Cancel keeps the file as it is on disk; your edits stay here.)`)) {
      await save(true);
    } else {
      status("Not saved: the file changed on disk", true);
    }
    return;
  }
  if (!ok) {
    status(answer.error, true);
    return;
  }
  state.version = answer.version;
  state.savedText = text;
  keep();
  notice("");
  status(state.text === text ? "Saved" : "Unsaved changes");
}

async function fetchFile(path, body) {
  status("Preparing the file…");
  const response = await call(path, { name: NAME, text: state.text, ...body });
  if (!response.ok) {
    const answer = await response.json().catch(() => ({ error: "The file could not be made." }));
    status(answer.error, true);
    return;
  }
  const blob = await response.blob();
  const disposition = response.headers.get("content-disposition") || "";
  const filename = (/filename="([^"]+)"/.exec(disposition) || [])[1] || "download";
  const link = el("a", { href: URL.createObjectURL(blob), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  status(`Downloaded ${filename}`);
}

// -- wiring -----------------------------------------------------------------------------------

function wire() {
  $("tab-form").addEventListener("click", () => showTab("form"));
  $("tab-yaml").addEventListener("click", () => showTab("yaml"));
  $("yaml").addEventListener("input", () => { textChanged(); complete(false); });
  $("yaml").addEventListener("keydown", completionKeys);
  $("yaml").addEventListener("blur", () => { $("completion").hidden = true; });
  $("save").addEventListener("click", () => save(false));
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      save(false);
    }
  });
  for (const button of document.querySelectorAll("#downloads button")) {
    button.addEventListener("click", () => fetchFile("/api/download", { lang: button.dataset.lang, format: button.dataset.format }));
  }
  $("followup").addEventListener("click", () => fetchFile("/api/followup", { session: Number($("followup-session").value) }));
  $("compare").addEventListener("click", () => fetchFile("/api/compare", { other: $("compare-other").value }));
  for (const severity of ["error", "warning"]) {
    $("show-" + severity).addEventListener("change", (event) => document.body.classList.toggle("hide-" + severity, !event.target.checked));
  }
  for (const [lang] of LANGS) {
    $("preview-" + lang).addEventListener("click", (event) => {
      const paragraph = event.target.closest("[data-part]");
      if (paragraph) select(paragraph.dataset.part, Number(paragraph.dataset.index), true);
    });
  }
}

start();
