// medialit preview, lesson-parts panel: the lesson plan being edited (plan.js draws it). What
// its steps add up to, why it cannot be saved yet, and its saves: the whole plan at each change
// that adds up, the notes alone while the steps do not, and the plan accepted or removed.

import { say } from "./messages.js";
import { save } from "./saving.js";

export const plan = {
  which: "", // "" the whole lesson's plan:, else a selection's name under plans:
  draft: null, // the plan being edited: {minutes, steps: [{minutes, activity, details, from}], …}
  dirty: false, // the draft differs from the file (it does not add up yet, or is being saved)
  savedNotes: null, // what to prepare and the notes saved alone (JSON), the steps not adding up
  saving: 0, // saves of the plan sent and not answered yet
  redraw: () => {},
};

export function stored(parts) {
  return plan.which ? parts.plans[plan.which] || null : parts.plan;
}

export function fromFile(saved) {
  if (!saved) return null;
  return {
    ...saved,
    steps: saved.steps.map((step, i) => ({ ...step, from: i })),
    preparation: [...saved.preparation],
  };
}

export function total(draft) {
  return draft.steps.reduce((sum, step) => sum + (Number.isInteger(step.minutes) ? step.minutes : 0), 0);
}

// Why the draft cannot be saved yet, in the teacher's words; "" when it can.
export function problem(draft) {
  if (!Number.isInteger(draft.minutes) || draft.minutes < 5 || draft.minutes > 240) {
    return "the class length must be a whole number of minutes, from 5 to 240";
  }
  if (!draft.steps.length) return "a plan needs at least one step";
  const bad = draft.steps.findIndex((s) => !Number.isInteger(s.minutes) || s.minutes < 1 || s.minutes > 240);
  if (bad !== -1) return `step ${bad + 1} needs its minutes (a whole number, 1 to 240)`;
  const empty = draft.steps.findIndex((s) => !s.activity.trim());
  if (empty !== -1) return `step ${empty + 1} needs its activity (what happens, in a few words)`;
  const sum = total(draft);
  if (sum !== draft.minutes) {
    const gap = draft.minutes - sum;
    return gap > 0
      ? `the steps add up to ${sum} minutes: ${gap} more to plan, or a shorter class`
      : `the steps add up to ${sum} minutes: ${-gap} too many for a class of ${draft.minutes}`;
  }
  return "";
}

// What to prepare, the content note and the extension do not depend on the steps: while the
// steps do not add up, they are saved beside the steps the file has (a teacher took "not
// saved yet" for the whole panel, and lost a list typed meanwhile).
export function notesOf(draft) {
  return { preparation: draft.preparation, content_note: draft.content_note, extension: draft.extension };
}

function notesSaved(draft) {
  const saved = stored(plan.lastParts || {});
  return !!saved && JSON.stringify(notesOf(draft)) === JSON.stringify(notesOf(saved));
}

async function saveNotes(draft) {
  plan.saving += 1;
  showTotal();
  // The notes alone: the server keeps the steps the file has (sending them could put back
  // older steps than a save queued meanwhile).
  const lesson = await save("api/plan", { selection: plan.which || null, notes: notesOf(draft) });
  plan.saving -= 1;
  if (lesson) {
    plan.lastParts = lesson.parts;
    plan.savedNotes = JSON.stringify(notesOf(draft)); // the state line says so
  }
  return !!lesson;
}

export function totalText(draft) {
  const sum = total(draft);
  const gap = draft.minutes - sum;
  const state = gap === 0 ? "adds up" : gap > 0 ? `${gap} to plan` : `${-gap} over`;
  return `Planned: ${sum} of ${Number.isInteger(draft.minutes) ? draft.minutes : "?"} minutes (${state}).`;
}

export function showTotal() {
  const node = document.getElementById("plan-total");
  if (!node || !plan.draft) return;
  node.textContent = totalText(plan.draft);
  node.classList.toggle("plan-off", total(plan.draft) !== plan.draft.minutes);
  const summary = document.getElementById("part-plan-summary");
  const suggested = plan.draft.draft ? " (suggested)" : "";
  if (summary) summary.textContent = `Lesson plan: ${total(plan.draft)} of ${plan.draft.minutes} minutes${suggested}`;
  const why = problem(plan.draft);
  const state = document.getElementById("plan-state");
  let unsaved = why ? `Not saved yet: ${why}.` : plan.saving ? "Saving…" : "Not saved yet.";
  if (why && plan.savedNotes !== null && notesSaved(plan.draft)) {
    unsaved = `The steps are not saved yet: ${why}. What to prepare, the content note and the extension are saved.`;
  }
  state.textContent = plan.dirty ? unsaved : "Saved in the lesson file.";
}

// A change to the draft that adds, moves or removes an item: drawn from the draft (a
// redraw of a plan that matches the file draws the file's, which would undo the change).
export function changed() {
  plan.dirty = true;
  plan.redraw();
}

export async function commit() {
  plan.dirty = true;
  const why = problem(plan.draft);
  if (why) {
    const draft = plan.draft;
    if (stored(plan.lastParts || {}) && !notesSaved(draft) && (await saveNotes(draft))) {
      showTotal();
      say(`Saved what to prepare and the notes; the steps are not saved yet: ${totalText(draft)}`);
      return;
    }
    showTotal();
    say(`Plan not saved yet: ${totalText(plan.draft)}`);
    return;
  }
  plan.saving += 1;
  showTotal();
  const draft = plan.draft;
  const body = bodyOf(draft);
  const sent = JSON.stringify(body); // the fields are typed into the draft itself, meanwhile too
  // (body's steps and minutes are copies: what was sent, whatever is typed next)
  const lesson = await save("api/plan", { selection: plan.which || null, plan: body });
  plan.saving -= 1;
  if (!lesson) {
    // Refused (the message is above the panes), or the file changed meanwhile: kept here.
    const state = document.getElementById("plan-state");
    if (state && plan.draft === draft) state.textContent = "Not saved: see the message at the top.";
    return;
  }
  if (plan.draft === draft && JSON.stringify(bodyOf(draft)) !== sent) {
    // Typed while this save was on its way (a "12" was lost): the page keeps it, unsaved,
    // and leaving the field saves it; a redraw now would take the field from under the typing.
    showTotal();
    // (Another save already on its way says what it saved.)
    const newer = plan.saving ? "" : "; your newer changes are not saved yet";
    say(`Saved the plan: ${total(body)} of ${body.minutes} minutes${newer}.`);
    return;
  }
  if (plan.draft === draft) {
    plan.dirty = false;
    plan.draft = fromFile(stored(lesson.parts));
  }
  plan.redraw();
  say(`Saved the plan: ${total(draft)} of ${draft.minutes} minutes.`);
}

function bodyOf(draft) {
  return {
    minutes: draft.minutes,
    steps: draft.steps.map(({ minutes, activity, details, from }) => ({ minutes, activity, details, from })),
    preparation: draft.preparation,
    content_note: draft.content_note,
    extension: draft.extension,
  };
}

export async function acceptPlan() {
  const lesson = await save("api/plan/accept", { selection: plan.which || null });
  if (!lesson) return;
  plan.redraw();
  document.getElementById("plan-minutes").focus();
  const saved = stored(lesson.parts);
  say(`Accepted the plan: ${saved ? total(saved) : ""} of ${saved ? saved.minutes : ""} minutes.`);
}

export async function removePlan() {
  if (!stored(plan.lastParts || {}) && plan.dirty) {
    plan.dirty = false;
    plan.draft = null;
    plan.redraw();
    document.getElementById("plan-make").focus();
    return;
  }
  const lesson = await save("api/plan", { selection: plan.which || null, plan: null });
  if (!lesson) return;
  plan.dirty = false;
  plan.draft = null;
  plan.redraw();
  document.getElementById("plan-make").focus();
  say("Removed the plan. Ctrl+Z or Undo puts it back.");
}
