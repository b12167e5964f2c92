// medialit preview: the lesson-parts panel (discussion questions, the plan, the glossary, the
// lesson's details), each change saved into the lesson file at once through saving.js's
// save(), which quotes the version shown (a stale save is refused, and the page reloads).
// The panel redraws from the lesson view's "parts" (partsview.py) at every medialit:lesson.

import { say } from "./messages.js";
import { save } from "./saving.js";
import { NARROW, button, el, field, focusMoved, itemActions, paragraphNumbers, plural, redraw, showColumn } from "./partskit.js";
import { planSection } from "./plan.js";
import { detailsSection } from "./details.js";

const $ = (id) => document.getElementById(id);

const local = {
  view: null, // the lesson view; its "parts" are what the panel shows
  newQuestion: null, // a question being written, not in the file yet: {text, notes, paragraphs}
  newEntry: null, // a glossary entry being written: {term, definition}
  chosenWords: "", // the words last selected in the article, for the glossary
  drawn: null, // the "parts" the panel was last drawn from, as JSON
};

// ---- discussion questions ------------------------------------------------------------------

const questionsSection = {
  id: "questions",
  title: "Discussion questions",
  summary: (parts) => {
    const suggested = parts.questions.filter((q) => q.draft).length;
    return `Discussion questions (${parts.questions.length}${suggested ? `, ${suggested} suggested` : ""})`;
  },
  render(parts) {
    const count = parts.questions.length;
    const items = parts.questions.map((question, i) => questionItem(question, i, count));
    if (local.newQuestion) items.push(newQuestionItem());
    return [
      el("p", {
        className: "part-hint",
        text:
          "Students read the questions after sorting; the notes print in the answer key only. " +
          "A short version that leaves out a paragraph a question quotes leaves the question out.",
      }),
      items.length ? el("ol", { className: "part-list" }, ...items) : el("p", { text: "No questions yet." }),
      button("Add a question", { id: "question-add", onClick: addQuestion }),
    ];
  },
};

function questionFields(prefix, question, number, onChange) {
  return [
    field({
      id: `${prefix}-text`,
      label: "The question (students read it)",
      value: question.text,
      rows: 2,
      onChange: (value) => onChange({ text: value }),
    }),
    field({
      id: `${prefix}-notes`,
      label: "Notes: what to listen for (answer key only)",
      value: question.notes,
      rows: 2,
      onChange: (value) => onChange({ notes: value }),
    }),
    field({
      id: `${prefix}-paragraphs`,
      label: "Paragraphs it quotes (¶ numbers)",
      hint: "For example 3, 7.",
      value: question.paragraphs.join(", "),
      onChange: (value) => {
        const numbers = paragraphNumbers(value);
        if (numbers === null) say("Not saved: write ¶ numbers separated by commas, for example 3, 7.");
        else onChange({ paragraphs: numbers });
      },
    }),
  ];
}

// A question medialit new suggested: accepted with one click or key (its button), changed in
// its fields, or removed (Remove); check counts it until it is accepted.
function suggestedRow(i) {
  return el(
    "div",
    { className: "part-suggested" },
    el("p", {
      className: "part-hint",
      id: `q-${i}-suggested`,
      text: "Suggested by medialit new from the drafts: accept it, change it, or remove it.",
    }),
    button("Accept", {
      id: `q-${i}-accept`,
      "aria-label": `Accept question ${i + 1}`,
      "aria-describedby": `q-${i}-suggested`,
      onClick: () => acceptQuestion(i),
    }),
  );
}

function questionItem(question, i, count) {
  const number = i + 1;
  const name = `question ${number}`;
  return el(
    "li",
    { className: question.draft ? "part-item part-draft" : "part-item" },
    el(
      "fieldset",
      {},
      el("legend", { text: question.draft ? `Question ${number} (suggested)` : `Question ${number}` }),
      question.draft ? suggestedRow(i) : null,
      ...questionFields(`q-${i}`, question, number, (fields) => changeQuestion(i, fields)),
      itemActions("q", i, count, name, { onMove: moveQuestion, onRemove: removeQuestion }),
    ),
  );
}

function newQuestionItem() {
  const number = local.view.parts.questions.length + 1;
  const draft = local.newQuestion;
  return el(
    "li",
    { className: "part-item part-new" },
    el(
      "fieldset",
      {},
      el("legend", { text: `New question ${number} (saved once it is written)` }),
      ...questionFields("q-new", draft, number, (fields) => {
        Object.assign(draft, fields);
        if (draft.text.trim()) addQuestionNow(draft, number);
      }),
      el("div", { className: "part-actions" }, button("Cancel", { id: "q-new-cancel", onClick: cancelQuestion })),
    ),
  );
}

function addQuestion() {
  if (!local.newQuestion) local.newQuestion = { text: "", notes: "", paragraphs: [] };
  draw();
  $("q-new-text").focus();
}

function cancelQuestion() {
  local.newQuestion = null;
  draw();
  $("question-add").focus();
}

async function addQuestionNow(draft, number) {
  const lesson = await save("api/questions", draft);
  if (!lesson) return;
  if (local.newQuestion === draft) local.newQuestion = null;
  carryFocus("q-new-", `q-${number - 1}-`, "question-add");
  say(`Added question ${number}. Ctrl+Z or Undo takes it out.`);
}

async function changeQuestion(i, fields) {
  if (await save(`api/questions/${i}`, fields)) say(`Saved question ${i + 1}.`);
}

async function acceptQuestion(i) {
  if (!(await save(`api/questions/${i}/accept`, {}))) return;
  // On to the next suggestion, so that each takes one key.
  const parts = local.view.parts;
  const next = parts.questions.findIndex((q) => q.draft);
  const left = parts.questions.filter((q) => q.draft).length;
  if (next !== -1) {
    $(`q-${next}-accept`).focus();
    say(`Accepted question ${i + 1}. ${left} suggested left.`);
    return;
  }
  // The last one: on to the suggested plan if there is one, never into a question's text,
  // where the next key would change it (a newcomer's run).
  const suggested = parts.plan && parts.plan.draft;
  const planAccept = $("plan-accept");
  const shown = planAccept && $("part-plan").open; // its section shut, the summary opens it
  (shown ? planAccept : suggested ? $("part-plan-summary") : $("question-add")).focus();
  say(`Accepted question ${i + 1}.${suggested ? " The plan is a suggestion too." : ""}`);
}

async function moveQuestion(from, to) {
  if (!(await save(`api/questions/${from}/move`, { to }))) return;
  focusMoved("q", to);
  say(`Moved question ${from + 1} ${to < from ? "up" : "down"}: it is question ${to + 1} now.`);
}

async function removeQuestion(i) {
  if (!(await save(`api/questions/${i}/delete`, {}))) return;
  const count = local.view.parts.questions.length;
  const next = count ? `q-${Math.min(i, count - 1)}-text` : "question-add";
  $(next).focus();
  say(`Removed question ${i + 1}. Ctrl+Z or Undo puts it back.`);
}

// ---- the glossary -----------------------------------------------------------------------------

const glossarySection = {
  id: "glossary",
  title: "Glossary",
  summary: (parts) => `Glossary (${plural(parts.glossary.length, "word", "words")})`,
  render(parts) {
    const count = parts.glossary.length;
    const items = parts.glossary.map((entry, i) => entryItem(entry, i, count));
    if (local.newEntry) items.push(newEntryItem());
    return [
      el("p", {
        className: "part-hint",
        id: "glossary-how",
        text: parts.glossary_note,
      }),
      items.length ? el("ul", { className: "part-list" }, ...items) : el("p", { text: "No words yet." }),
      button(local.chosenWords ? `Add “${local.chosenWords}”` : "Add a word", {
        id: "glossary-add",
        "aria-describedby": "glossary-how",
        onClick: addEntry,
      }),
    ];
  },
};

function entryFields(prefix, entry, onChange) {
  return [
    field({ id: `${prefix}-term`, label: "Word or name", value: entry.term, onChange: (term) => onChange({ term }) }),
    field({
      id: `${prefix}-definition`,
      label: "What it means",
      value: entry.definition,
      rows: 2,
      onChange: (definition) => onChange({ definition }),
    }),
  ];
}

function entryItem(entry, i, count) {
  return el(
    "li",
    { className: "part-item" },
    el(
      "fieldset",
      {},
      el("legend", { text: entry.term }),
      ...entryFields(`g-${i}`, entry, (fields) => changeEntry(i, entry, fields)),
      itemActions("g", i, count, `the entry “${entry.term}”`, { onMove: moveEntry, onRemove: removeEntry }),
    ),
  );
}

function newEntryItem() {
  const draft = local.newEntry;
  return el(
    "li",
    { className: "part-item part-new" },
    el(
      "fieldset",
      {},
      el("legend", { text: "New word (saved once both fields are written)" }),
      ...entryFields("g-new", draft, (fields) => {
        Object.assign(draft, fields);
        if (draft.term.trim() && draft.definition.trim()) addEntryNow(draft);
      }),
      el("div", { className: "part-actions" }, button("Cancel", { id: "g-new-cancel", onClick: cancelEntry })),
    ),
  );
}

function addEntry() {
  const term = local.chosenWords;
  local.newEntry = { term, definition: "" };
  local.chosenWords = "";
  // The marking box opened on the same selection: this word is for the glossary instead.
  if (!$("editor").hidden) $("close").click();
  window.getSelection().removeAllRanges();
  draw();
  $(term ? "g-new-definition" : "g-new-term").focus();
  if (term) say(`New glossary word “${term}”: write what it means.`);
}

function cancelEntry() {
  local.newEntry = null;
  draw();
  $("glossary-add").focus();
}

async function addEntryNow(draft) {
  if (!(await save("api/glossary", draft))) return;
  if (local.newEntry === draft) local.newEntry = null;
  carryFocus("g-new-", `g-${local.view.parts.glossary.length - 1}-`, "glossary-add");
  say(`Added “${draft.term.trim()}” to the glossary.`);
}

async function changeEntry(i, entry, fields) {
  if (await save(`api/glossary/${i}`, fields)) say(`Saved the glossary entry “${fields.term || entry.term}”.`);
}

async function moveEntry(from, to) {
  if (!(await save(`api/glossary/${from}/move`, { to }))) return;
  focusMoved("g", to);
  say(`Moved entry ${from + 1} ${to < from ? "up" : "down"}: it is entry ${to + 1} now.`);
}

async function removeEntry(i) {
  const term = local.view.parts.glossary[i].term;
  if (!(await save(`api/glossary/${i}/delete`, {}))) return;
  const count = local.view.parts.glossary.length;
  $(count ? `g-${Math.min(i, count - 1)}-term` : "glossary-add").focus();
  say(`Removed “${term}” from the glossary. Ctrl+Z or Undo puts it back.`);
}

// The words selected in the article (badges and ¶ numbers left out), for "Add a word".
function noteSelection() {
  const selection = window.getSelection();
  const article = $("article");
  if (!selection || !selection.rangeCount || !article.contains(selection.anchorNode)) return;
  let words = "";
  if (!selection.isCollapsed) {
    const fragment = selection.getRangeAt(0).cloneContents();
    fragment.querySelectorAll(".badge, .pno").forEach((node) => node.remove());
    words = fragment.textContent.replace(/\s+/g, " ").trim().replace(/^[“"'(]+|[”"'),.;:!?]+$/g, "");
  }
  const chosen = words.length <= 80 ? words : "";
  if (chosen === local.chosenWords) return;
  local.chosenWords = chosen;
  const add = $("glossary-add");
  if (add) add.textContent = chosen ? `Add “${chosen}”` : "Add a word";
}

// A new item just saved is drawn as an item of the file's: the focus, and anything typed
// meanwhile in its other fields, go to the same field there (else to `fallback`).
function carryFocus(fromPrefix, toPrefix, fallback) {
  const active = document.activeElement;
  const carried = active && active.id && active.id.startsWith(fromPrefix) ? active : null;
  const value = carried ? carried.value : null;
  draw();
  const target = carried && document.getElementById(toPrefix + carried.id.slice(fromPrefix.length));
  if (target) {
    if (target.tagName !== "BUTTON" && value !== target.dataset.saved) target.value = value;
    target.focus();
  } else if (!active || active === document.body || !document.contains(active)) {
    $(fallback).focus();
  }
}

// ---- the panel ------------------------------------------------------------------------------

const SECTIONS = [questionsSection, planSection, glossarySection, detailsSection];

function draw() {
  const view = local.view;
  if (!view || !view.parts) return;
  local.drawn = JSON.stringify(view.parts);
  for (const section of SECTIONS) {
    $(`part-${section.id}-summary`).textContent = section.summary(view.parts, view);
    redraw($(`part-${section.id}-body`), () => section.render(view.parts, view, draw));
  }
}

function build() {
  const body = $("parts-body");
  body.replaceChildren(
    ...SECTIONS.map((section, i) =>
      el(
        "details",
        { className: "part-section", id: `part-${section.id}`, open: i === 0 },
        el("summary", { id: `part-${section.id}-summary`, text: section.title }),
        el("div", { className: "part-body", id: `part-${section.id}-body` }),
      ),
    ),
  );
  // Ctrl+Z in a field undoes typing there (the page's Ctrl+Z undoes the last save).
  $("parts").addEventListener("keydown", (event) => {
    const undo = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z";
    if (undo && event.target.matches("input, textarea")) event.stopPropagation();
  });
  $("parts-toggle").addEventListener("click", () => {
    const shown = showColumn($("parts-toggle").getAttribute("aria-expanded") !== "true");
    if (shown) $("parts-heading").focus();
  });
  if (innerWidth < NARROW) showColumn(false); // the article and the pages have the room
  document.addEventListener("selectionchange", noteSelection);
  document.addEventListener("medialit:lesson", (event) => {
    local.view = event.detail;
    // A save that changed no part (a statement's kind or words) leaves the panel as drawn:
    // drawing it took a tenth of the time a kind takes to show.
    if (JSON.stringify(event.detail.parts) !== local.drawn) draw();
  });
  // preview.js may have shown the lesson before this module ran: ask for it too.
  fetch("api/lesson")
    .then((response) => response.json())
    .then((view) => {
      if (!local.view && view.parts) {
        local.view = view;
        draw();
      }
    });
}

build();
