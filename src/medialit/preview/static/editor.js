// medialit preview: the editor, the dialog that marks the words selected as a kind, or changes
// a statement's kind, why, how to check and the kinds also accepted. statements.js adds the
// statement's words, techniques and id to it, on the "medialit:editing" event sent from here.

import { rangeIn, showCursor, wholeWords } from "./cursor.js";
import { focusHighlight, selectionInArticle, showPending } from "./article.js";
import { say, short } from "./messages.js";
import { save } from "./saving.js";
import { element, kindOf, state } from "./studio.js";

const $ = (id) => document.getElementById(id);

// ---- opening it: on the words selected, or on those under the sentence cursor -------------

export function onSelect() {
  if (!state.lesson || $("article").classList.contains("stale")) return;
  const selected = selectionInArticle();
  if (!selected) return;
  if (selected.error) {
    say(selected.error);
    return;
  }
  const block = state.lesson.blocks[selected.block];
  const words = wholeWords(block.text, selected.start, selected.end, state.lesson.language);
  if (words.start !== selected.start || words.end !== selected.end) {
    // What is shown selected (and pending, once the editor opens) is what will be saved.
    const range = rangeIn(selected.block, words.start, words.end);
    if (range) {
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      Object.assign(selected, words, { range, rect: range.getBoundingClientRect() });
    }
  }
  const quote = block.text.slice(selected.start, selected.end).trim();
  if (!quote) return;
  openEditor({ mode: "new", selection: selected, quote }, selected.rect);
}

// The keyboard's way to the same dialog: the words under the sentence cursor (cursor.js).
export function markAtCursor(at) {
  if ($("article").classList.contains("stale")) return;
  const range = rangeIn(at.block, at.start, at.end);
  if (!range) return;
  const block = state.lesson.blocks[at.block];
  const quote = block.text.slice(at.start, at.end).trim();
  // Words that are a statement already: its own dialog, opened as a click on it (and Enter
  // on it) opens it (a new one would repeat its quote, which the lesson refuses).
  const mark = block.marks.find((m) => block.text.slice(m.start, m.end).trim() === quote);
  const highlight = mark && $("article").querySelector(`mark.hl[data-index="${mark.index}"]`);
  if (highlight) {
    highlight.click();
    return;
  }
  const selection = { ...at, range, rect: range.getBoundingClientRect() };
  openEditor({ mode: "new", selection, quote }, selection.rect);
}

// ---- the dialog ------------------------------------------------------------------------------

export function openEditor(editing, rect) {
  const opener = document.activeElement && document.activeElement.closest("#article mark.hl");
  if (!state.editing) state.opener = opener ? Number(opener.dataset.index) : "article";
  state.editing = editing;
  state.review = null;
  showPending(editing.mode === "new" ? editing.selection.range : null);
  $("why").value = editing.mode === "edit" ? editing.annotation.why : "";
  $("check").value = editing.mode === "edit" ? editing.annotation.check : "";
  refreshEditor();
  const editor = $("editor");
  editor.hidden = false;
  const width = editor.offsetWidth;
  const height = editor.offsetHeight;
  const paneRight = $("article").getBoundingClientRect().right;
  let left;
  let top;
  if (window.innerWidth - paneRight >= width + 24) {
    // Beside the article, over the pages, level with the words: the text stays in view.
    left = paneRight + 12;
    top = Math.min(Math.max(8, rect.top - 24), window.innerHeight - height - 8);
  } else {
    left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    top = rect.bottom + 8 + height > window.innerHeight ? rect.top - height - 8 : rect.bottom + 8;
  }
  editor.style.setProperty("left", `${left + window.scrollX}px`);
  editor.style.setProperty("top", `${Math.max(8, top) + window.scrollY}px`);
  // Focus moves into the dialog: onto the kind chosen, or the first kind.
  const pressed = editor.querySelector(".kind-button[aria-pressed=true]");
  (pressed || editor.querySelector(".kind-button")).focus();
}

// The dialog grows as its fields appear (a kind chosen for new words shows why, how to
// check, the words' buttons): moved up as it grows, so that it stays in the window (it ran
// off its foot on a 1366×768 laptop, Save and Delete out of sight).
export const keepEditorInView = new ResizeObserver(() => {
  const editor = $("editor");
  if (editor.hidden) return;
  const box = editor.getBoundingClientRect();
  const over = box.bottom - (window.innerHeight - 8);
  if (over > 0) editor.style.setProperty("top", `${Math.max(8, box.top - over) + window.scrollY}px`);
});

export function closeEditor() {
  const wasOpen = !!state.editing;
  state.editing = null;
  state.review = null;
  showPending(null);
  if (wasOpen) document.dispatchEvent(new CustomEvent("medialit:editing", { detail: null }));
  $("editor").hidden = true;
  // Focus returns where it was: the highlight opened, else the article (its cursor kept).
  const focus = document.activeElement;
  if (wasOpen && (!focus || focus === document.body || $("editor").contains(focus))) {
    const opener = state.opener;
    state.opener = null;
    if (typeof opener !== "number" || !focusHighlight(opener)) $("article").focus();
    if (state.lesson) showCursor(state.lesson);
  }
}

export function refreshEditor() {
  const editing = state.editing;
  if (!editing || !state.lesson) return;
  if (editing.mode === "edit") {
    // After a reload the annotation may have moved or gone: find it by its id, else by its
    // quote, else (its words changed: statements.js) at its place with the same answer.
    const { id, quote, index, kind, why } = editing.annotation;
    const found =
      (id && state.lesson.annotations.find((a) => a.id === id)) ||
      state.lesson.annotations.find((a) => a.quote === quote) ||
      state.lesson.annotations.find((a) => a.index === index && a.kind === kind && a.why === why);
    if (!found) {
      closeEditor();
      return;
    }
    editing.annotation = found;
  }
  const annotation = editing.mode === "edit" ? editing.annotation : null;
  $("editor-title").textContent = annotation
    ? `Statement ${annotation.number}: ${kindOf(annotation.kind).label}`
    : "Mark the selected words as";
  $("editor-quote").textContent = annotation ? annotation.quote : editing.quote;
  $("editor-draft").hidden = !(annotation && annotation.draft);
  $("editor-review").hidden = !state.review;
  $("editor-review").textContent = state.review || "";
  // The statement open, for the editors of its other fields (statements.js): null when none.
  document.dispatchEvent(new CustomEvent("medialit:editing", { detail: annotation }));
  $("also").hidden = !annotation;
  if (annotation) {
    $("also-boxes").replaceChildren(
      ...state.lesson.kinds
        .filter((kind) => kind.name !== annotation.kind)
        .map((kind) => {
          const box = element("input");
          box.type = "checkbox";
          box.value = kind.name;
          box.id = `also-${kind.name}`;
          box.checked = annotation.also_accept.includes(kind.name);
          box.addEventListener("change", chooseAlso);
          const label = element("label", "", kind.label);
          label.htmlFor = box.id;
          const pair = element("span", "");
          pair.append(box, label);
          return pair;
        }),
    );
  }
  // The buttons are made anew: the focus stays on the same kind (or box) after a save.
  const focused = document.activeElement;
  const focusKind = focused && focused.matches(".kind-button") ? focused.dataset.kind : null;
  const focusBox = focused && focused.matches(".also input") ? focused.value : null;
  $("kind-buttons").replaceChildren(
    ...state.lesson.kinds.map((kind) => {
      const button = element("button", `kind-button kind-${kind.name}`, kind.label);
      button.type = "button";
      button.dataset.kind = kind.name;
      button.setAttribute("aria-pressed", String(!!annotation && annotation.kind === kind.name));
      button.addEventListener("click", () => chooseKind(kind.name));
      return button;
    }),
  );
  $("save").hidden = !annotation;
  $("delete").hidden = !annotation;
  // Confirm goes with the draft: the focus on it went to the page's body (lost to a keyboard).
  const confirmFocused = document.activeElement === $("confirm");
  $("confirm").hidden = !(annotation && annotation.draft);
  const pressed = $("kind-buttons").querySelector("[aria-pressed=true]") || $("kind-buttons").querySelector("button");
  if (confirmFocused && $("confirm").hidden && pressed) pressed.focus();
  if (focusKind) $("kind-buttons").querySelector(`[data-kind="${focusKind}"]`).focus();
  const box = focusBox && $(`also-${focusBox}`);
  if (box) box.focus();
  else if (focusBox && pressed) pressed.focus();
}

function chooseAlso() {
  const ticked = [...$("also-boxes").querySelectorAll("input:checked")].map((box) => box.value);
  changeAnnotation({ also_accept: ticked });
}

function chooseKind(kind) {
  const editing = state.editing;
  if (!editing) return;
  if (editing.mode === "new") {
    const { block, start, end } = editing.selection;
    const body = { block, start, end, kind, why: $("why").value, check: $("check").value };
    window.getSelection().removeAllRanges();
    save("api/annotations", body).then((lesson) => {
      // Keep the editor open on the new annotation, to write why and how to check.
      const added = lesson && newest(lesson);
      if (added) {
        // Named, as a delete is: "Saved to …" did not say what was added (a newcomer's run).
        const next = added.why && added.why !== NOT_EXPLAINED ? "" : " Say why it is this kind, then Save.";
        say(`Added statement ${added.number} (${kindOf(added.kind).label}): “${short(added.quote)}”.${next}`);
      }
      if (added && state.editing === editing) {
        showPending(null);
        state.editing = { mode: "edit", annotation: added };
        refreshEditor();
      }
    });
  } else {
    const before = editing.annotation;
    if (before.kind === kind) return;
    changeAnnotation({ kind }).then((lesson) => {
      if (!lesson || state.editing !== editing) return;
      // Say what was written for the old kind, to review (rekind.py keeps or removes it).
      const old = kindOf(before.kind).label;
      const notes = [`Changed from ${old} to ${kindOf(kind).label}.`];
      if (before.why !== NOT_EXPLAINED || before.check) {
        notes.push(`Its why and how to check were written for ${old}: review them, then Confirm draft.`);
      }
      if (before.techniques.length) {
        notes.push(`Removed the techniques named for ${old}: ${before.techniques.join(", ")}.`);
      }
      if (before.also_accept.length) {
        notes.push(`Also accept: ${before.also_accept.filter((k) => k !== kind).map((k) => kindOf(k).label).join(", ") || "none now"}.`);
      }
      notes.push("Ctrl+Z undoes the change.");
      state.review = notes.join(" ");
      refreshEditor();
    });
  }
}

const NOT_EXPLAINED = "Not explained yet: say why this is the kind chosen.";

function newest(lesson) {
  return lesson.annotations.reduce((a, b) => (b.index > a.index ? b : a), lesson.annotations[0]);
}

export function changeAnnotation(fields) {
  const annotation = state.editing.annotation;
  return save(`api/annotations/${annotation.index}`, { quote: annotation.quote, ...fields });
}
