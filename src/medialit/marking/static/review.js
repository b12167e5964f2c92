// The marking page: one statement at a time, every student's answer to it; a key press bands
// an answer and moves on. Every decision is sent at once, one after another, each naming the
// file as the page last saw it, so that a stale save is refused rather than lost.
"use strict";

const KINDS = ["evidence", "inference", "assertion"];
const KIND_KEYS = { e: "evidence", i: "inference", a: "assertion", "0": "none" };
const state = { marks: null, statement: 0, card: 0 };
let queue = Promise.resolve();

const $ = (id) => document.getElementById(id);

function element(tag, attributes = {}, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) made.setAttribute(name, value);
  }
  for (const child of children) made.append(child);
  return made;
}

function say(text, problem = false) {
  $("say").textContent = text;
  $("say").className = problem ? "problem" : "";
  $("say").setAttribute("role", problem ? "alert" : "status");
}

async function load() {
  const response = await fetch("api/marks");
  if (!response.ok) {
    say(`The marks could not be read (${response.status}).`, true);
    return;
  }
  state.marks = await response.json();
  document.title = `Marking: ${state.marks.title}`;
  $("title").textContent = state.marks.title;
  render(true);
}

function current() {
  return state.marks.statements[state.statement];
}

function render(moveFocus) {
  const marks = state.marks;
  const statement = current();
  const count = marks.statements.length;
  $("where").textContent = `Statement ${state.statement + 1} of ${count}`;
  $("previous").disabled = state.statement === 0;
  $("next").disabled = state.statement === count - 1;
  const waiting = $("waiting");
  waiting.className = marks.waiting ? "some" : "none";
  waiting.textContent = marks.waiting
    ? `${marks.waiting} unsure tick${marks.waiting === 1 ? "" : "s"} to decide: nothing is final until then.`
    : "Every unsure tick is decided.";
  $("statement-title").textContent = `Statement ${statement.number ?? ""}`;
  $("quote").textContent = statement.quote;
  const also = statement.also_accept.length ? ` (also accept ${statement.also_accept.join(", ")}, half marks)` : "";
  $("key").replaceChildren("Key: ", element("strong", {}, statement.kind), also);
  $("why").textContent = statement.why ? `Why: ${statement.why}` : "";
  $("check").textContent = statement.check ? `To check: ${statement.check}` : "";
  $("bands").replaceChildren(
    ...marks.bands.flatMap((b) => [
      element("dt", {}, `${b.band} ${b.name}`),
      element("dd", {}, b.description),
    ]),
  );
  $("answers").replaceChildren(...statement.answers.map(card));
  if (moveFocus) focusCard(Math.min(state.card, statement.answers.length - 1));
}

function card(answer, index) {
  const waiting = answer.unsure && !answer.resolved;
  const classes = ["card", answer.band ? "banded" : "", waiting ? "waiting" : ""].join(" ").trim();
  const label = `${answer.name}, version ${answer.version}, statement ${answer.number}`;
  const item = element("li", { class: classes, tabindex: "0", "data-index": index, "aria-label": label });
  item.append(element("h3", {}, `${answer.name} · version ${answer.version} · no. ${answer.number}`));
  if (answer.name_image) {
    item.append(element("img", { src: `images/${answer.name_image}`, alt: "The name as written on the sheet" }));
  }
  item.append(ticks(answer));
  if (answer.unsure) item.append(decide(answer, index));
  const reason = element("div", { class: "reason" });
  if (answer.reason_image) {
    reason.append(element("img", { src: `images/${answer.reason_image}`, alt: `${answer.name}'s handwritten answer: how do you know?` }));
  } else if (answer.reason_text) {
    reason.append(element("blockquote", {}, answer.reason_text));
  } else {
    reason.append(element("p", {}, "No answer written."));
  }
  item.append(reason);
  const bands = element("div", { class: "bands", role: "group", "aria-label": `Band for ${answer.name}` });
  for (const band of state.marks.bands) {
    const button = element("button", { type: "button", "aria-pressed": String(answer.band === band.band) }, `${band.band} ${band.name}`);
    button.addEventListener("click", () => { state.card = index; give({ band: band.band }, index); });
    bands.append(button);
  }
  item.append(bands);
  item.addEventListener("focus", () => { state.card = index; });
  return item;
}

function ticks(answer) {
  const line = element("p", { class: "ticks" }, "Boxes: ");
  KINDS.forEach((kind, n) => {
    const seen = answer.ticks[kind] || "empty";
    const mark = seen === "ticked" ? "☑ ticked" : seen === "unsure" ? "? unsure" : "☐ empty";
    line.append(element("span", { class: `tick-${seen}` }, `${kind} ${mark}`), n < 2 ? " · " : "");
  });
  const statement = current();
  const verdict = answer.unsure && !answer.resolved ? "to decide"
    : answer.answer === statement.kind ? "right"
    : statement.also_accept.includes(answer.answer) ? "half marks" : "not the key's kind";
  line.append(" → ", element("span", { class: "verdict" }, verdict));
  return line;
}

function decide(answer, index) {
  const group = element("fieldset", { class: "decide" });
  const chosen = answer.resolved ? answer.answer ?? "none" : null;
  group.append(element("legend", {}, answer.resolved ? "Unsure tick, decided:" : "Unsure tick: what did the student tick?"));
  for (const choice of [...KINDS, "none"]) {
    const button = element("button", { type: "button", "aria-pressed": String(chosen === choice) }, choice);
    button.addEventListener("click", () => { state.card = index; give({ answer: choice }, index); });
    group.append(button);
  }
  return group;
}

function focusCard(index) {
  const cards = $("answers").children;
  if (!cards.length) return;
  state.card = Math.max(0, Math.min(index, cards.length - 1));
  cards[state.card].focus();
  cards[state.card].scrollIntoView({ block: "nearest" });
}

function goTo(statement, card = 0) {
  state.statement = Math.max(0, Math.min(statement, state.marks.statements.length - 1));
  state.card = card;
  render(true);
}

function give(decision, index) {
  const answer = current().answers[index];
  const statement = current().id;
  queue = queue.then(() => send({ ...decision, copy: answer.copy, statement }));
  return queue;
}

async function send(body) {
  body.version = state.marks.version;
  let response;
  try {
    response = await fetch("api/decide", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    say("The marking page lost its server (was it stopped?): this mark was not saved.", true);
    return;
  }
  const data = await response.json().catch(() => ({}));
  if (data.marks) state.marks = data.marks;
  if (!response.ok) {
    say(data.message || `Not saved (${response.status}).`, true);
    // Back to the answer whose mark was refused, so that it can be given again.
    const refused = current().answers.findIndex((a) => a.copy === body.copy);
    if (refused >= 0) state.card = refused;
    render(true);
    return;
  }
  const what = "band" in body ? `band ${body.band}` : `decided: ${body.answer}`;
  say(`Saved: ${what} for ${current().answers.find((a) => a.copy === body.copy)?.name ?? "copy " + body.copy}.`);
  render(false);
  focusCard(state.card);
}

function nextUnsure() {
  const list = state.marks.statements;
  for (let step = 0; step < list.length; step += 1) {
    const s = (state.statement + step) % list.length;
    const from = step === 0 ? state.card + 1 : 0;
    const found = list[s].answers.findIndex((a, n) => n >= from && a.unsure && !a.resolved);
    if (found >= 0) return goTo(s, found);
  }
  say("No unsure tick is waiting.");
}

document.addEventListener("keydown", (event) => {
  if (!state.marks || event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  const count = current().answers.length;
  if (["1", "2", "3"].includes(key)) {
    const index = state.card;
    give({ band: Number(key) }, index);
    if (index < count - 1) focusCard(index + 1);
    else say("Every answer to this statement has a band: N for the next statement.");
  } else if (key in KIND_KEYS && current().answers[state.card]?.unsure) {
    give({ answer: KIND_KEYS[key] }, state.card);
  } else if (key === "j" || key === "arrowright" || key === "arrowdown") {
    focusCard(state.card + 1);
  } else if (key === "k" || key === "arrowleft" || key === "arrowup") {
    focusCard(state.card - 1);
  } else if (key === "n" || key === "pagedown") {
    goTo(state.statement + 1);
  } else if (key === "p" || key === "pageup") {
    goTo(state.statement - 1);
  } else if (key === "u") {
    nextUnsure();
  } else {
    return;
  }
  event.preventDefault();
});

$("previous").addEventListener("click", () => goTo(state.statement - 1));
$("next").addEventListener("click", () => goTo(state.statement + 1));
load();
