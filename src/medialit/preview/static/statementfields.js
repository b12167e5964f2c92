// medialit preview: a statement's techniques and id, in the editor's fields (statements.py
// saves them).
// Plain DOM with text nodes only, as in article.js.

import { say } from "./messages.js";
import { save } from "./saving.js";
import { annotationOf, later, state } from "./statementkit.js";

const $ = (id) => document.getElementById(id);

function sendTechniques(names, done) {
  return later(async () => {
    const annotation = state.open && annotationOf(state.open.index);
    if (!annotation) return;
    const body = { quote: annotation.quote, techniques: names(annotation.techniques) };
    const lesson = await save(`api/statements/${annotation.index}/techniques`, body);
    if (lesson) say(done);
  });
}

export function addTechnique() {
  const name = $("technique-new").value.trim();
  if (!name || !state.open) return;
  $("technique-new").value = "";
  sendTechniques((names) => [...names, name], `Added the technique “${name}”.`);
}

function removeTechnique(name) {
  $("technique-new").focus(); // the button goes with the name
  sendTechniques((names) => names.filter((n) => n !== name), `Removed the technique “${name}”.`);
}

export function rename() {
  const id = $("statement-id").value.trim();
  if (!state.open || id === state.open.id) return;
  later(async () => {
    const annotation = annotationOf(state.open.index);
    if (!annotation) return;
    // The server says what was renamed, the selections that name it too.
    const lesson = await save(`api/statements/${annotation.index}/id`, { quote: annotation.quote, id });
    if (!lesson) $("statement-id").value = annotation.id;
  });
}

export function showFields() {
  const annotation = state.open;
  for (const id of ["words", "techniques", "identity"]) $(id).hidden = !annotation;
  if (!annotation) return;
  const focused = document.activeElement;
  const focusName = focused && focused.matches(".technique-remove") ? focused.dataset.name : null;
  $("technique-list").replaceChildren(
    ...annotation.techniques.map((name) => {
      const item = document.createElement("li");
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "technique-remove";
      remove.dataset.name = name;
      remove.textContent = "×";
      remove.setAttribute("aria-label", `Remove the technique ${name}`);
      remove.addEventListener("click", () => removeTechnique(name));
      item.append(name, " ", remove);
      return item;
    }),
  );
  if (focusName) {
    const again = [...$("technique-list").querySelectorAll("button")].find((b) => b.dataset.name === focusName);
    if (again) again.focus();
  }
  if (document.activeElement !== $("statement-id")) $("statement-id").value = annotation.id;
}

export async function loadTechniqueNames() {
  const response = await fetch("api/techniques");
  if (!response.ok) return;
  const { techniques } = await response.json();
  $("technique-names").replaceChildren(
    ...techniques.map((name) => {
      const option = document.createElement("option");
      option.value = name;
      return option;
    }),
  );
}
