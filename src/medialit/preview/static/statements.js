// medialit preview: a statement's words, techniques and id (statements.py saves them).
//
// The words: the highlight shown with handles at both ends (the statement open in the editor,
// else the highlight focused, else the one last pointed at) is extended or shrunk by dragging a
// handle (it snaps to the nearest word's edge), by Shift+←/→ (its end) and Ctrl+Shift+←/→ (its
// start) on the highlight or in the editor, or by the editor's Start/End buttons. The new words
// are drawn at once and saved when the mouse is released, or after a pause in the keys.
// The words are statementwords.js's, the techniques and id statementfields.js's; this module
// wires them to the page.

import { addTechnique, loadTechniqueNames, rename, showFields } from "./statementfields.js";
import { annotationOf, state } from "./statementkit.js";
import { draw, move, onKey } from "./statementwords.js";

const $ = (id) => document.getElementById(id);

function describeHighlights() {
  for (const mark of $("article").querySelectorAll("mark.hl")) {
    const described = (mark.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (!described.includes("bounds-keys")) mark.setAttribute("aria-describedby", [...described, "bounds-keys"].join(" "));
  }
}

function start() {
  document.addEventListener("medialit:lesson", (event) => {
    const first = !state.lesson;
    if (!event.detail.annotations) return; // a lesson with problems: nothing to edit
    state.lesson = event.detail;
    if (state.open) state.open = annotationOf(state.open.index) || null;
    describeHighlights();
    showFields();
    draw();
    // The names offered change only when the lesson's own names do.
    const names = JSON.stringify(event.detail.annotations.flatMap((a) => a.techniques).sort());
    if (first || names !== state.names) loadTechniqueNames();
    state.names = names;
  });
  document.addEventListener("medialit:editing", (event) => {
    state.open = event.detail;
    showFields();
    draw();
  });
  const article = $("article");
  article.addEventListener("focusin", (event) => {
    if (event.target.matches("mark.hl")) state.focused = Number(event.target.dataset.index);
    draw();
  });
  article.addEventListener("focusout", () => {
    state.focused = null;
    setTimeout(draw, 0);
  });
  article.addEventListener("mouseover", (event) => {
    const mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && !state.drag && state.pointed !== Number(mark.dataset.index)) {
      state.pointed = Number(mark.dataset.index);
      draw();
    }
  });
  article.addEventListener("mouseleave", () => {
    if (state.drag || state.pointed === null) return;
    state.pointed = null; // handles only where the mouse, the focus or the editor is
    draw();
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("resize", draw);
  for (const button of $("words").querySelectorAll("button")) {
    button.addEventListener("click", () => {
      if (state.open) move(state.open.index, button.dataset.end, Number(button.dataset.step));
    });
  }
  $("technique-add").addEventListener("click", addTechnique);
  $("id-rename").addEventListener("click", rename);
  $("technique-new").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      addTechnique();
    }
  });
  $("statement-id").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      rename();
    }
  });
  // Save saves everything typed in the editor: a technique or an id not yet added too.
  $("save").addEventListener("click", () => {
    addTechnique();
    rename();
  });
}

start();
