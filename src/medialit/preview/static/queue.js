// medialit preview: the review queue. The drafts (draft: true), least sure first, from the
// keyboard alone: J/K or the arrow keys move, E/I/A set the kind, Enter confirms, Delete
// drops, W writes why and how to check, R takes the why and check offered after a kind change
// (what medialit new would write for the new kind); Ctrl+Z (preview.js) undoes. A dropped
// draft can be brought back, and a candidate that medialit new left commented can be added.
// Plain DOM with text nodes only, as in article.js.

import { say, short } from "./messages.js";
import { save } from "./saving.js";

const $ = (id) => document.getElementById(id);

const state = {
  lesson: null, // the lesson view (medialit:lesson)
  queue: null, // the lesson view's queue (as GET api/queue gives it): drafts, dropped, candidates
  current: null, // the id (or quote) of the draft the teacher is on
  position: 0, // its place in the list: the next draft takes it when it leaves
  asked: 0, // the newest queue request: an older answer is not shown over it
  offer: null, // after a kind change: {key, index, kind, why, check} that R takes
  dropped: null, // the key of the draft dropped last: chosen again if Ctrl+Z brings it back
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function keyOf(draft) {
  return draft.id || draft.quote;
}

function kindLabel(name) {
  const kind = state.lesson && state.lesson.kinds.find((k) => k.name === name);
  return kind ? kind.label : name;
}

function sureText(draft) {
  return draft.sure === null ? "not rated" : `${draft.sureness} (${draft.sure.toFixed(2)})`;
}

function currentDraft() {
  if (!state.queue) return null;
  return state.queue.drafts.find((d) => keyOf(d) === state.current) || null;
}

// ---- showing the queue -----------------------------------------------------------------

async function load() {
  const asked = ++state.asked;
  // Every lesson view (a save's answer, a change on disk) carries its queue: no request after.
  let queue = state.lesson && state.lesson.queue;
  if (!queue) {
    const response = await fetch("api/queue");
    if (!response.ok) return;
    queue = await response.json();
  }
  if (asked !== state.asked || !state.lesson || queue.version !== state.lesson.version) return;
  state.queue = queue;
  render();
}

function render() {
  const { drafts, dropped, candidates } = state.queue;
  // A drop undone (Ctrl+Z): the list is on the draft that came back, not the one after it.
  if (state.dropped && drafts.some((d) => keyOf(d) === state.dropped)) {
    state.current = state.dropped;
    state.dropped = null;
  }
  const stillThere = drafts.findIndex((d) => keyOf(d) === state.current);
  if (stillThere !== -1) state.position = stillThere;
  else if (drafts.length) {
    state.position = Math.min(state.position, drafts.length - 1);
    state.current = keyOf(drafts[state.position]);
  } else state.current = null;

  // The list and its buttons go with the last draft: the focus on them would fall to the
  // page's body, so it moves on to the article, the next thing to work on.
  const queueFocused = ["queue-list", "queue-actions"].some((id) => $(id).contains(document.activeElement));
  if (queueFocused && !drafts.length) $("article").focus();
  $("queue-count").textContent = drafts.length
    ? `${drafts.length} ${drafts.length === 1 ? "draft" : "drafts"} left, least sure first`
    : "No drafts left to review.";
  const list = $("queue-list");
  list.hidden = !drafts.length;
  $("queue-actions").hidden = !drafts.length;
  list.replaceChildren(
    ...drafts.map((draft) => {
      const item = element("li", `queue-item kind-${draft.kind}`);
      item.id = `queue-item-${draft.index}`;
      item.setAttribute("role", "option");
      const selected = keyOf(draft) === state.current;
      item.setAttribute("aria-selected", String(selected));
      item.dataset.key = keyOf(draft);
      const sure = element("span", `queue-sure ${draft.sure === null ? "" : draft.sureness.replace(" ", "-")}`, sureText(draft));
      const kind = element("span", `badge kind-${draft.kind}`, `${draft.number} ${kindLabel(draft.kind)}`);
      item.append(sure, " ", kind, " ", element("span", "queue-quote", draft.quote));
      item.addEventListener("click", () => {
        choose(keyOf(draft));
        list.focus();
      });
      return item;
    }),
  );
  const current = currentDraft();
  if (current) list.setAttribute("aria-activedescendant", `queue-item-${current.index}`);
  else list.removeAttribute("aria-activedescendant");
  showInArticle(current);
  renderKinds(current);
  renderOffer(current);

  $("queue-dropped").hidden = !dropped.length;
  $("queue-dropped-count").textContent = `Dropped (${dropped.length})`;
  $("queue-dropped-list").replaceChildren(
    ...dropped.map((draft) =>
      row(draft, "Bring back", `Bring back “${short(draft.quote)}”`, () => restore(draft)),
    ),
  );
  $("queue-candidates").hidden = !candidates.length;
  $("queue-candidates-count").textContent = `More candidates from medialit new (${candidates.length})`;
  $("queue-candidates-list").replaceChildren(
    ...candidates.map((candidate) =>
      row(candidate, "Add as a draft", `Add “${short(candidate.quote)}” as a draft`, () => promote(candidate)),
    ),
  );
}

function row(entry, label, name, action) {
  const item = element("li", "queue-row");
  const button = element("button", "", label);
  button.type = "button";
  button.setAttribute("aria-label", name);
  button.addEventListener("click", action);
  item.append(button, " ", element("span", `badge kind-${entry.kind}`, kindLabel(entry.kind)), " ", entry.quote);
  // A candidate's reason, to judge it by before adding it (a newcomer saw the words alone).
  if (entry.why) item.append(element("span", "queue-row-why", entry.why));
  return item;
}

function renderKinds(current) {
  for (const button of $("queue-actions").querySelectorAll("[data-kind]")) {
    const name = button.dataset.kind;
    button.textContent = `${kindLabel(name)} (${name[0].toUpperCase()})`;
    button.setAttribute("aria-pressed", String(!!current && current.kind === button.dataset.kind));
  }
}

// The draft in the article too: outlined, and scrolled into view while the teacher works in the
// queue (never while marking in the article). An attribute, not a class: the article is
// article.js's, its classes say kinds and drafts.
function showInArticle(draft) {
  for (const old of document.querySelectorAll("#article mark[data-queue-current]")) {
    old.removeAttribute("data-queue-current");
  }
  if (!draft) return;
  const mark = document.querySelector(`#article mark.hl[data-index="${draft.index}"]`);
  if (!mark) return;
  mark.dataset.queueCurrent = "";
  keepInView();
}

// The article is lower when a panel opens in the queue above it: the draft is scrolled back
// into view (its outline fell below the article's foot at 1366×768).
function keepInView() {
  const mark = document.querySelector("#article mark[data-queue-current]");
  if (mark && $("queue").contains(document.activeElement)) mark.scrollIntoView({ block: "nearest" });
}

// ---- moving and acting -------------------------------------------------------------------

function choose(key) {
  state.current = key;
  render();
}

function move(by) {
  const drafts = state.queue ? state.queue.drafts : [];
  if (!drafts.length) return;
  const at = Math.max(0, drafts.findIndex((d) => keyOf(d) === state.current));
  const next = Math.min(drafts.length - 1, Math.max(0, at + by));
  state.position = next;
  choose(keyOf(drafts[next]));
}

async function setKind(kind) {
  const draft = currentDraft();
  if (!draft) return;
  if (draft.kind === kind) {
    say(`Statement ${draft.number} is ${kindLabel(kind)} already; Enter confirms it.`);
    return;
  }
  // The save's answer brings the why and check written for the new kind (offers.py): one
  // request, so the offer shows with the saved kind.
  const answer = await save(`api/annotations/${draft.index}`, { quote: draft.quote, kind, offer: true }, true);
  if (!answer) return;
  state.offer = null;
  const offer = offered(draft, kind, answer.offer);
  if (offer) {
    state.offer = { key: keyOf(draft), quote: draft.quote, ...offer };
    if (state.queue) render();
    say(
      `Statement ${draft.number} is now ${kindLabel(kind)}, still a draft. R uses the reason ` +
        `and check shown for ${kindLabel(kind)}; Enter confirms.`,
    );
  } else say(`Statement ${draft.number} is now ${kindLabel(kind)}, still a draft: review its why, then Enter confirms.`);
}

// ---- the why and check offered after a kind change -------------------------------------

// What medialit new would write for the statement as `kind` (the save's answer), or null.
function offered(draft, kind, offer) {
  if (!offer || !offer.why || (offer.why === draft.why && offer.check === draft.check)) return null;
  return { index: draft.index, kind, why: offer.why, check: offer.check };
}

function renderOffer(current) {
  const offer = state.offer;
  const shown = !!offer && !!current && keyOf(current) === offer.key && current.kind === offer.kind;
  $("queue-offer").hidden = !shown;
  if (!shown) return;
  $("queue-offer-title").textContent =
    `Written for ${kindLabel(offer.kind)}, for statement ${current.number}: R uses it (or W writes your own).`;
  $("queue-offer-why").textContent = offer.why;
  $("queue-offer-check").textContent = offer.check;
}

async function takeOffer() {
  const draft = currentDraft();
  const offer = state.offer;
  if (!draft || !offer || keyOf(draft) !== offer.key || draft.kind !== offer.kind) {
    say("No reason is offered for this draft: one is offered after its kind is changed (E, I or A).");
    return;
  }
  const lesson = await save(`api/annotations/${draft.index}`, {
    quote: draft.quote,
    why: offer.why,
    check: offer.check,
  });
  if (!lesson) return;
  if (state.offer === offer) state.offer = null;
  $("queue-offer").hidden = true;
  say(`Statement ${draft.number} has the reason and check written for ${kindLabel(offer.kind)}; Enter confirms it.`);
}

async function confirmDraft() {
  const draft = currentDraft();
  if (!draft) return;
  const lesson = await save(`api/annotations/${draft.index}`, { quote: draft.quote, confirm: true });
  if (lesson) say(`Confirmed statement ${draft.number} (${kindLabel(draft.kind)}). ${nextText(draft)}`);
}

async function drop() {
  const draft = currentDraft();
  if (!draft) return;
  const lesson = await save(`api/queue/${draft.index}/drop`, { quote: draft.quote });
  if (!lesson) return;
  state.dropped = keyOf(draft);
  say(`Dropped statement ${draft.number}. ${nextText(draft)} Ctrl+Z, or Bring back under Dropped, puts it back.`);
}

function nextText(left) {
  // The queue may be shown already without it, or not yet: either way, the one after it.
  const remaining = state.queue.drafts.filter((d) => keyOf(d) !== keyOf(left));
  const next = remaining[Math.min(state.position, remaining.length - 1)];
  // By its words: the statements' numbers change when one leaves.
  return next ? `Next: “${short(next.quote)}”, ${sureText(next)}.` : "No drafts left.";
}

async function restore(draft) {
  state.current = draft.id; // chosen in the list once it is back
  const lesson = await save("api/queue/restore", { id: draft.id });
  if (lesson) {
    say(`Brought back “${short(draft.quote)}” as a draft.`);
    $("queue-list").focus();
  }
}

async function promote(candidate) {
  state.current = candidate.id || candidate.quote;
  const lesson = await save("api/queue/candidates", { quote: candidate.quote });
  if (lesson) {
    const added = lesson.annotations.find((a) => a.quote === candidate.quote);
    say(`Added “${short(candidate.quote)}” as statement ${added ? added.number : ""}, a draft to review.`);
    $("queue-list").focus();
  }
}

// ---- why and how to check ----------------------------------------------------------------

function openText() {
  const draft = currentDraft();
  if (!draft) return;
  $("queue-edit-title").textContent = `Statement ${draft.number}: ${kindLabel(draft.kind)} — “${short(draft.quote)}”`;
  $("queue-why").value = draft.why;
  $("queue-check").value = draft.check;
  $("queue-edit").hidden = false;
  $("queue-edit").dataset.key = keyOf(draft);
  // W rewrites the why: what is typed replaces it (an arrow key keeps it, to change a word).
  $("queue-why").focus();
  $("queue-why").select();
}

function closeText() {
  $("queue-edit").hidden = true;
  $("queue-list").focus();
}

async function saveText(event) {
  event.preventDefault();
  const draft = state.queue.drafts.find((d) => keyOf(d) === $("queue-edit").dataset.key);
  if (!draft) {
    say("This draft is no longer in the queue.");
    closeText();
    return;
  }
  const lesson = await save(`api/annotations/${draft.index}`, {
    quote: draft.quote,
    why: $("queue-why").value,
    check: $("queue-check").value,
  });
  if (lesson) {
    closeText();
    say(`Saved why and how to check of statement ${draft.number}; Enter confirms it.`);
  }
}

// ---- wiring ------------------------------------------------------------------------------

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return; // Ctrl+Z: preview.js
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const kind = state.lesson && state.lesson.kinds.find((k) => k.name[0] === key);
  const actions = {
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    Home: () => move(-Infinity),
    End: () => move(Infinity),
    Enter: confirmDraft,
    Delete: drop,
    Backspace: drop,
    w: openText,
    r: takeOffer,
  };
  const action = kind && !event.shiftKey ? () => setKind(kind.name) : actions[key];
  if (!action) return;
  event.preventDefault();
  action();
}

function start() {
  new ResizeObserver(keepInView).observe($("article"));
  $("queue-list").addEventListener("keydown", onKey);
  for (const button of $("queue-actions").querySelectorAll("[data-kind]")) {
    button.addEventListener("click", () => setKind(button.dataset.kind));
  }
  $("queue-confirm").addEventListener("click", confirmDraft);
  $("queue-drop").addEventListener("click", drop);
  $("queue-write").addEventListener("click", openText);
  $("queue-offer-take").addEventListener("click", takeOffer);
  $("queue-edit").addEventListener("submit", saveText);
  $("queue-cancel").addEventListener("click", closeText);
  $("queue-edit").addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      closeText();
    }
  });
  document.addEventListener("medialit:lesson", (event) => {
    state.lesson = event.detail;
    load();
  });
}

start();
