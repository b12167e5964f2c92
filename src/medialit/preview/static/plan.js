// medialit preview, lesson-parts panel: the lesson plan (plan:, or plans: for a selection).
// A plan's steps must add up to the class length, so the page keeps the plan being edited,
// shows the total as the teacher types, and saves the whole plan at each change that adds
// up (planedits.py changes the file field by field; each step says where it came "from").
// The plan being edited, its sums and its saves are plandraft.js's; this module draws the form.

import { say } from "./messages.js";
import { button, el, field, focusMoved, itemActions } from "./partskit.js";
import {
  acceptPlan,
  changed,
  commit,
  fromFile,
  notesOf,
  plan,
  problem,
  removePlan,
  showTotal,
  stored,
  total,
  totalText,
} from "./plandraft.js";

const CLASS_MINUTES = 50;

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
