// medialit preview, lesson-parts panel: the lesson plan (plan:, or plans: for a selection).
// A plan's steps must add up to the class length, so the page keeps the plan being edited,
// shows the total as the teacher types, and saves the whole plan at each change that adds
// up (planedits.py changes the file field by field; each step says where it came "from").

import { say } from "./messages.js";
import { save } from "./saving.js";
import { button, el, field, focusMoved, itemActions } from "./partskit.js";

const CLASS_MINUTES = 50;

const plan = {
  which: "", // "" the whole lesson's plan:, else a selection's name under plans:
  draft: null, // the plan being edited: {minutes, steps: [{minutes, activity, details, from}], …}
  dirty: false, // the draft differs from the file (it does not add up yet, or is being saved)
  savedNotes: null, // what to prepare and the notes saved alone (JSON), the steps not adding up
  saving: 0, // saves of the plan sent and not answered yet
  redraw: () => {},
};

function stored(parts) {
  return plan.which ? parts.plans[plan.which] || null : parts.plan;
}

function fromFile(saved) {
  if (!saved) return null;
  return {
    ...saved,
    steps: saved.steps.map((step, i) => ({ ...step, from: i })),
    preparation: [...saved.preparation],
  };
}

function total(draft) {
  return draft.steps.reduce((sum, step) => sum + (Number.isInteger(step.minutes) ? step.minutes : 0), 0);
}

// Why the draft cannot be saved yet, in the teacher's words; "" when it can.
function problem(draft) {
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
function notesOf(draft) {
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

function totalText(draft) {
  const sum = total(draft);
  const gap = draft.minutes - sum;
  const state = gap === 0 ? "adds up" : gap > 0 ? `${gap} to plan` : `${-gap} over`;
  return `Planned: ${sum} of ${Number.isInteger(draft.minutes) ? draft.minutes : "?"} minutes (${state}).`;
}

function showTotal() {
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
function changed() {
  plan.dirty = true;
  plan.redraw();
}

async function commit() {
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

const whole = (text) => (/^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

function stepItem(step, i, count) {
  const name = `step ${i + 1}`;
  return el(
    "li",
    { className: "part-item" },
    el(
      "fieldset",
      {},
      el("legend", { text: `Step ${i + 1}` }),
      el(
        "div",
        { className: "part-row" },
        field({
          id: `s-${i}-minutes`,
          label: "Minutes",
          type: "number",
          value: String(step.minutes),
          onInput: (value) => {
            step.minutes = whole(value);
            showTotal();
          },
          onChange: commit,
        }),
        field({
          id: `s-${i}-activity`,
          label: "What happens",
          value: step.activity,
          onInput: (value) => {
            step.activity = value;
          },
          onChange: commit,
        }),
      ),
      field({
        id: `s-${i}-details`,
        label: "What the teacher does and says (optional)",
        value: step.details,
        rows: 2,
        onInput: (value) => {
          step.details = value;
        },
        onChange: commit,
      }),
      itemActions("s", i, count, name, {
        onMove: (from, to) => {
          const [moved] = plan.draft.steps.splice(from, 1);
          plan.draft.steps.splice(to, 0, moved);
          changed();
          focusMoved("s", to);
          say(`Moved step ${from + 1} ${to < from ? "up" : "down"}: it is step ${to + 1} now.`);
          commit();
        },
        onRemove: (at) => {
          plan.draft.steps.splice(at, 1);
          changed();
          const left = plan.draft.steps.length;
          document.getElementById(left ? `s-${Math.min(at, left - 1)}-minutes` : "step-add").focus();
          say(`Removed step ${at + 1}.`);
          commit();
        },
      }),
    ),
  );
}

function preparationList(draft) {
  const items = draft.preparation.map((text, i) =>
    el(
      "li",
      { className: "part-line" },
      field({
        id: `p-${i}`,
        label: `To prepare ${i + 1}`,
        value: text,
        onInput: (value) => {
          draft.preparation[i] = value;
        },
        onChange: commit,
      }),
      button("Remove", {
        id: `p-${i}-remove`,
        "aria-label": `Remove “${text || `to prepare ${i + 1}`}”`,
        onClick: () => {
          draft.preparation.splice(i, 1);
          changed();
          document.getElementById("preparation-add").focus();
          commit();
        },
      }),
    ),
  );
  return [
    el("h4", { text: "What to prepare" }),
    items.length ? el("ul", { className: "part-list" }, ...items) : null,
    button("Add something to prepare", {
      id: "preparation-add",
      onClick: () => {
        draft.preparation.push("");
        changed();
        document.getElementById(`p-${draft.preparation.length - 1}`).focus();
      },
    }),
  ];
}

function chooser(parts) {
  const names = [...new Set([...parts.selections, ...Object.keys(parts.plans)])];
  if (!names.length) return null;
  const select = el(
    "select",
    { id: "plan-for" },
    el("option", { value: "", text: "The whole lesson" }),
    ...names.map((name) => el("option", { value: name, text: `The selection “${name}”` })),
  );
  select.value = plan.which;
  select.addEventListener("change", () => {
    if (plan.dirty) say("The plan's changes that did not add up were not saved, and are dropped.");
    plan.which = select.value;
    plan.dirty = false;
    plan.draft = null;
    plan.redraw();
  });
  return el("div", { className: "part-field" }, el("label", { for: "plan-for", text: "Plan for" }), select);
}

function longText(draft, key, id, label) {
  const onInput = (value) => {
    draft[key] = value;
  };
  return field({ id, label, value: draft[key], rows: 2, onInput, onChange: commit });
}

function render(parts, view, redraw) {
  plan.redraw = redraw;
  if (plan.which && !parts.selections.includes(plan.which) && !parts.plans[plan.which]) plan.which = "";
  if (!plan.dirty) {
    plan.draft = fromFile(stored(parts));
    plan.savedNotes = null;
  } else if (plan.savedNotes !== null && stored(parts)) {
    // Notes saved alone, then changed in the file (Ctrl+Z, a text editor): the file's are
    // taken, or the next save would write the undone ones back.
    const file = JSON.stringify(notesOf(stored(parts)));
    if (file !== plan.savedNotes) {
      Object.assign(plan.draft, JSON.parse(file));
      plan.savedNotes = file;
    }
  }
  const head = [
    el("p", {
      className: "part-hint",
      text:
        "The plan prints on the answer key's first page. Its steps must add up to the class " +
        "length: the plan is saved each time they do.",
    }),
    chooser(parts),
  ];
  const draft = plan.draft;
  if (!draft) {
    return [
      ...head,
      el("p", { text: plan.which ? `No plan for the selection “${plan.which}” yet.` : "No plan yet." }),
      button("Make a plan", {
        id: "plan-make",
        onClick: () => {
          const step = { minutes: CLASS_MINUTES, activity: "", details: "", from: null };
          plan.draft = { minutes: CLASS_MINUTES, steps: [step], preparation: [], content_note: "", extension: "" };
          changed();
          document.getElementById("s-0-activity").focus();
        },
      }),
    ];
  }
  const suggested = !plan.dirty && draft.draft;
  return [
    ...head,
    suggested ? suggestedRow() : null,
    field({
      id: "plan-minutes",
      label: "Class length (minutes)",
      type: "number",
      value: String(draft.minutes),
      onInput: (value) => {
        draft.minutes = whole(value);
        showTotal();
      },
      onChange: commit,
    }),
    el("p", { id: "plan-total", className: "plan-total", "aria-live": "polite", text: totalText(draft) }),
    el("p", { id: "plan-state", className: "part-hint" }),
    el("ol", { className: "part-list" }, ...draft.steps.map((step, i) => stepItem(step, i, draft.steps.length))),
    button("Add a step", {
      id: "step-add",
      onClick: () => {
        const left = draft.minutes - total(draft);
        draft.steps.push({ minutes: left > 0 ? left : 5, activity: "", details: "", from: null });
        changed();
        document.getElementById(`s-${draft.steps.length - 1}-activity`).focus();
        say(`Added step ${draft.steps.length}: say what happens. ${totalText(draft)}`);
      },
    }),
    ...preparationList(draft),
    longText(draft, "content_note", "plan-content-note", "Content note (what to warn students about)"),
    longText(draft, "extension", "plan-extension", "Extension (for fast students or a second lesson)"),
    button(plan.which ? `Remove the plan for “${plan.which}”` : "Remove the plan", {
      id: "plan-remove",
      onClick: removePlan,
    }),
  ];
}

// A plan medialit new suggested: accepted with one click or key, retimed (it stays a
// suggestion until accepted), or removed.
function suggestedRow() {
  return el(
    "div",
    { className: "part-suggested" },
    el("p", {
      className: "part-hint",
      id: "plan-suggested",
      text: "Suggested by medialit new: retime the steps as you like, then accept it.",
    }),
    button("Accept the plan", { id: "plan-accept", "aria-describedby": "plan-suggested", onClick: acceptPlan }),
  );
}

async function acceptPlan() {
  const lesson = await save("api/plan/accept", { selection: plan.which || null });
  if (!lesson) return;
  plan.redraw();
  document.getElementById("plan-minutes").focus();
  const saved = stored(lesson.parts);
  say(`Accepted the plan: ${saved ? total(saved) : ""} of ${saved ? saved.minutes : ""} minutes.`);
}

async function removePlan() {
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

// A plan that does not add up yet is only in the page: the browser asks before it is lost.
window.addEventListener("beforeunload", (event) => {
  if (plan.dirty && problem(plan.draft)) event.preventDefault();
});

export const planSection = {
  id: "plan",
  title: "Lesson plan",
  summary(parts) {
    plan.lastParts = parts;
    const draft = plan.draft || fromFile(stored(parts));
    if (!draft) return "Lesson plan (none yet)";
    return `Lesson plan: ${total(draft)} of ${draft.minutes} minutes${draft.draft ? " (suggested)" : ""}`;
  },
  render(parts, view, redraw) {
    const nodes = render(parts, view, redraw);
    queueMicrotask(showTotal);
    return nodes;
  },
};
