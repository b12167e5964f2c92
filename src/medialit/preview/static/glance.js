// medialit preview: the glance panel (what a teacher needs to decide) and the selections
// (tick statements into core or a selection of their own name). The data comes with every
// lesson view (a save's answer, a change on disk; api/glance where it does not), and the
// page counts with the "pages" event; edits go through saving.js's save(), so they are
// refused when stale and undone by Ctrl+Z.
// Text nodes only: nothing from the lesson file is parsed as HTML.

import { say, warn } from "./messages.js";
import { save } from "./saving.js";

const $ = (id) => document.getElementById(id);

const state = {
  glance: null, // the lesson view's glance (or api/glance): statements, counts, selections, warnings
  view: null, // the lesson view last shown (medialit:lesson)
  kinds: [], // the lesson's kinds, with the teacher's labels
  sizes: null, // each level's and selection's student sheet: pages, last page
  chosen: "core", // the selection shown in the list
  unsaved: new Set(), // selections named on the page, saved with their first statement
  placeholder: null, // "core", offered while the lesson has no selection at all
  naming: null, // "new" or "rename" while the name field is open
  announce: null, // the selection whose page count to read out when it comes
  asked: 0, // the newest api/glance request, so an older answer never wins
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function label(kind) {
  const found = state.kinds.find((k) => k.name === kind);
  return found ? found.label : kind;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

// ---- the data ---------------------------------------------------------------------------

// The lesson view carries its glance (a save's answer too): asked for only when it does not.
async function refresh(view = state.view) {
  const asked = ++state.asked;
  let glance = view && view.glance;
  if (!glance || glance.version !== view.version) {
    const response = await fetch("api/glance");
    if (!response.ok || asked !== state.asked) return;
    glance = await response.json();
  }
  if (glance.problems) return; // the page lists them already
  state.glance = glance;
  if (glance.sizes && glance.sizes.sheets) state.sizes = glance.sizes;
  const saved = glance.selections.map((s) => s.name);
  for (const name of saved) state.unsaved.delete(name);
  // "core", offered while the lesson has no selection, gives way to the lesson's own.
  // The same glance may be shown twice (the lesson's event, then the save's own answer).
  if (saved.length) {
    if (state.placeholder) state.unsaved.delete(state.placeholder);
    state.placeholder = null;
  } else if (!state.unsaved.size) {
    state.unsaved.add("core");
    state.placeholder = "core";
  }
  if (!saved.includes(state.chosen) && !state.unsaved.has(state.chosen)) {
    state.chosen = saved[0] || [...state.unsaved][0];
  }
  render();
}

function selection(name) {
  return state.glance.selections.find((s) => s.name === name) || null;
}

function sheet(key) {
  const sheets = (state.sizes && state.sizes.sheets) || [];
  return sheets.find((s) => s.key === key) || null;
}

function pagesText(found) {
  if (!found || found.pages === undefined) return found && found.error ? "cannot be laid out" : "counting…";
  const pages = plural(found.pages, "page");
  return found.stale ? `${pages} (counting again…)` : pages;
}

// ---- the glance -----------------------------------------------------------------------

function render() {
  const glance = state.glance;
  if (!glance) return;
  const counts = state.kinds.map((kind) => `${glance.counts[kind.name]} ${kind.label.toLowerCase()}`);
  const facts = [
    [`${plural(glance.total, "statement")}: ${counts.join(", ")}`, false],
    [glance.drafts ? `${plural(glance.drafts, "draft")} left to confirm` : "No drafts left", glance.drafts > 0],
    // medialit new's questions and plan not accepted yet (the parts panel's Accept buttons)
    ...(glance.suggested ? [[`${plural(glance.suggested, "suggestion")} to accept (questions, plan)`, true]] : []),
    [minutes(glance.plan, "Plan"), !glance.plan.minutes || glance.plan.planned !== glance.plan.minutes],
    ...glance.plans.map((plan) => [minutes(plan, `Plan for “${plan.name}”`), plan.planned !== plan.minutes]),
  ];
  $("glance-facts").replaceChildren(
    ...facts.map(([text, over]) => element("li", over ? "over" : "", text)),
  );
  // Which lesson version the panel counts (as the pages pane says its own): tests and
  // benchmarks/bench_studio.py wait for it.
  $("glance-facts").dataset.version = glance.version;
  renderPages();
  renderSelections();
}

function minutes(plan, name) {
  if (!plan.minutes) return `${name}: none yet`;
  return `${name}: ${plan.planned} of ${plan.minutes} minutes`;
}

function renderPages() {
  const glance = state.glance;
  if (!glance) return;
  const sheets = (state.sizes && state.sizes.sheets) || [];
  const items = sheets.map((found) => {
    const item = element("li", found.stale ? "stale" : "", `${found.label}: ${pagesText(found)}`);
    item.dataset.key = found.key;
    return item;
  });
  $("glance-pages").replaceChildren(...(items.length ? items : [element("li", "stale", "Counting…")]));
  const warnings = [
    ...glance.warnings.map((w) => [w.field, w.message]),
    ...sheets.filter((s) => !s.stale).flatMap((s) => (s.warnings || []).map((text) => [null, text])),
    ...sheets.filter((s) => s.error).map((s) => [null, `${s.label}: ${s.error}`]),
  ];
  $("glance-warnings").replaceChildren(
    ...warnings.map(([field, message]) => {
      const item = element("li");
      if (field) item.append(element("span", "field", `${field}: `));
      item.append(message);
      return item;
    }),
  );
  renderSummary();
  announcePages();
}

// ---- the selections ---------------------------------------------------------------------

function names() {
  const saved = state.glance.selections.map((s) => s.name);
  return [...saved, ...[...state.unsaved].filter((name) => !saved.includes(name))];
}

function renderSelections() {
  const choice = $("selection-choice");
  choice.replaceChildren(
    ...names().map((name) => {
      const option = element("option", "", state.unsaved.has(name) ? `${name} (new)` : name);
      option.value = name;
      return option;
    }),
  );
  choice.value = state.chosen;
  $("selection-legend").textContent = `Statements in “${state.chosen}”`;
  const chosen = selection(state.chosen);
  const ids = new Set(chosen ? chosen.ids : []);
  // Focus stays on the box the teacher ticked, though the list is made anew.
  const focused = document.activeElement && document.activeElement.closest("#selection-list input");
  const focusIndex = focused ? focused.dataset.index : null;
  $("selection-list").replaceChildren(
    ...state.glance.statements.map((statement) => {
      const item = element("li");
      const box = element("input");
      box.type = "checkbox";
      box.id = `selection-statement-${statement.index}`;
      box.dataset.index = statement.index;
      box.checked = statement.id !== null && ids.has(statement.id);
      box.addEventListener("change", () => tick(statement, box.checked));
      const text = element("label");
      text.htmlFor = box.id;
      const kind = label(statement.kind);
      const badge = element("span", `badge kind-${statement.kind}`, `${statement.number} ${kind.slice(0, 1)}`);
      badge.setAttribute("aria-hidden", "true");
      const name = element("span", "visually-hidden", `Statement ${statement.number}, ${kind}${statement.draft ? " (draft)" : ""}: `);
      text.append(badge, name, statement.quote);
      if (statement.draft) text.append(element("span", "draft", " (draft)"));
      item.append(box, text);
      return item;
    }),
  );
  if (focusIndex !== null) {
    const box = $(`selection-statement-${focusIndex}`);
    if (box) box.focus();
  }
  $("selection-remove").disabled = !names().length;
  $("selection-rename").disabled = !names().length;
  renderSummary();
}

function summaryText(name) {
  const chosen = selection(name);
  if (!chosen) return `“${name}” is not saved yet: tick its first statement.`;
  const total = chosen.ids.length;
  const kinds = state.kinds.map((kind) => `${chosen.counts[kind.name]} ${kind.label.toLowerCase()}`);
  const found = sheet(`selection:${name}`);
  return `“${name}”: ${plural(total, "statement")} (${kinds.join(", ")}); student sheet: ${pagesText(found)}`;
}

function renderSummary() {
  if (!state.glance) return;
  $("selection-summary").textContent = summaryText(state.chosen);
}

// The page count comes a moment after the tick: read it out once, when it is the new one.
function announcePages() {
  const name = state.announce;
  if (!name || !state.glance) return;
  const found = sheet(`selection:${name}`);
  if (!found || found.stale || found.pages === undefined) return;
  if (!state.sizes || state.sizes.version !== state.glance.version) return;
  state.announce = null;
  say(`“${name}”: the student sheet has ${plural(found.pages, "page")}.`);
}

async function tick(statement, ticked) {
  const name = state.chosen;
  const before = selection(name);
  const body = { name, index: statement.index, quote: statement.quote, ticked };
  const lesson = await save("api/selections/tick", body);
  if (!lesson) {
    renderSelections(); // refused: the box shows the file as it is
    return;
  }
  // Said as soon as the save is in (one statement more or fewer than before), not after the
  // glance is fetched again: the teacher hears at once that the tick was kept.
  const count = (before ? before.ids.length : 0) + (ticked ? 1 : -1);
  const verb = ticked ? "is now in" : "is out of";
  state.announce = name;
  say(`Statement ${statement.number} ${verb} “${name}”: ${plural(count, "statement")}. Counting its pages…`);
  await refresh(lesson);
  announcePages();
}

function openNaming(mode) {
  state.naming = mode;
  $("selection-naming").hidden = false;
  $("selection-name-label").textContent =
    mode === "new" ? "Name of the new selection" : `New name for “${state.chosen}”`;
  $("selection-name-ok").textContent = mode === "new" ? "Create" : "Rename";
  $("selection-name").value = mode === "new" ? "" : state.chosen;
  $("selection-name").focus();
}

function closeNaming(focus) {
  state.naming = null;
  $("selection-naming").hidden = true;
  $(focus).focus();
}

async function confirmNaming() {
  const name = $("selection-name").value.trim();
  if (names().includes(name) && name !== state.chosen) {
    say(`There is a selection “${name}” already; choose another name.`);
    return;
  }
  // The server's rule (selections.py name_problem), asked now: the first tick used to refuse
  // a level's name ("guided") after the page had taken it.
  const mode = state.naming;
  if (name !== state.chosen) {
    const response = await fetch("api/selections/name", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name }),
    });
    const { problem } = await response.json().catch(() => ({ problem: "The server gave no answer." }));
    if (state.naming !== mode) return; // closed meanwhile (Escape)
    if (problem) {
      say(problem);
      $("selection-name").focus();
      return;
    }
  }
  if (mode === "new") {
    state.unsaved.add(name);
    state.chosen = name;
    closeNaming("selection-choice");
    renderSelections();
    say(`New selection “${name}”: tick its statements below; it is saved with the first.`);
    return;
  }
  const old = state.chosen;
  if (state.unsaved.has(old)) {
    state.unsaved.delete(old);
    state.unsaved.add(name);
  } else if (name !== old) {
    const lesson = await save("api/selections/rename", { name: old, new_name: name });
    if (!lesson) return;
  }
  state.chosen = name;
  closeNaming("selection-choice");
  await refresh();
  say(`Renamed “${old}” to “${name}”.`);
}

async function remove() {
  const name = state.chosen;
  if (state.unsaved.has(name) && !selection(name)) {
    state.unsaved.delete(name);
    state.chosen = names()[0] || "core";
    await refresh();
    say(`Dropped the new selection “${name}”.`);
    return;
  }
  const lesson = await save("api/selections/remove", { name });
  if (!lesson) return;
  state.chosen = "";
  await refresh();
  say(`Removed the selection “${name}”. Ctrl+Z or Undo puts it back.`);
}

// ---- wiring -----------------------------------------------------------------------------

document.addEventListener("medialit:lesson", (event) => {
  state.kinds = event.detail.kinds;
  state.view = event.detail;
  refresh().catch(() => warn("The glance panel could not be brought up to date; reload the page."));
});
document.addEventListener("medialit:pages", (event) => {
  const sizes = event.detail.sizes;
  if (sizes && sizes.sheets) {
    state.sizes = sizes;
    renderPages();
  }
});
$("selection-choice").addEventListener("change", () => {
  state.chosen = $("selection-choice").value;
  renderSelections();
  say(summaryText(state.chosen));
});
$("selection-new").addEventListener("click", () => openNaming("new"));
$("selection-rename").addEventListener("click", () => openNaming("rename"));
$("selection-remove").addEventListener("click", remove);
$("selection-name-ok").addEventListener("click", confirmNaming);
$("selection-name-cancel").addEventListener("click", () => closeNaming("selection-choice"));
$("selection-name").addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    confirmNaming();
  } else if (event.key === "Escape") {
    event.stopPropagation();
    closeNaming("selection-choice");
  }
});
