// medialit preview: saving, one change at a time, each quoting the version it was made on; and
// the Undo button, which names the change the server would undo.

import { clock, say, warn } from "./messages.js";
import { state } from "./studio.js";

const $ = (id) => document.getElementById(id);

// A save's answer is shown by preview.js's showLesson, handed over as the page loads: it draws
// the article and the editor, which save through this module (an import would go round).
// Until then an answer could not be shown: say so in the console rather than drop it quietly.
let showLesson = () => console.error("medialit: a save was answered before preview.js loaded");

export function showAnswersWith(show) {
  showLesson = show;
}

let queue = Promise.resolve();
// Whether the last save queued was made (false: refused, or the file changed meanwhile).
let lastSaved = Promise.resolve(true);

// Ctrl+Z while a save is on its way undoes it once it lands, and only if it was made.
export function lastSaveMade() {
  return lastSaved;
}

// The lesson as saved (null: not saved); `whole`: the whole answer (the lesson, and what else
// the endpoint says, such as the offer of a kind change).
export function save(url, body, whole = false) {
  state.saving += 1;
  say("Saving…");
  const done = queue.then(() => send(url, body, whole));
  queue = done.catch(() => undefined);
  lastSaved = done.then((answer) => !!answer, () => false);
  return done.finally(() => {
    state.saving -= 1;
  });
}

async function send(url, body, whole) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...body, version: state.version }),
  });
  const data = await response.json().catch(() => ({ message: "The server gave no answer." }));
  if (response.ok) {
    showLesson(data.lesson, "save");
    // An endpoint may say what it did besides ("…, and in selections: core").
    say(data.undone || data.said || `Saved to ${data.lesson.file} at ${clock()}.`);
    showUndo(data.undo);
    return whole ? data : data.lesson;
  }
  if (response.status === 409) {
    showLesson(data.lesson, "stale");
    say("Reloaded from the file.");
  } else {
    say("Not saved.");
  }
  warn(data.message, data.problems || []);
  return null;
}

// ---- undo: the server keeps the file as it was before each of this page's saves ----------

export function showUndo(label) {
  $("undo").hidden = !label;
  $("undo").textContent = label ? "Undo" : "";
  if (label) $("undo").setAttribute("aria-label", `Undo ${label} (Ctrl+Z)`);
  if (label) $("undo").title = `Undo ${label} (Ctrl+Z)`;
}
