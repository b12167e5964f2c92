// medialit preview: a statement's words. The highlight shown with handles at both ends is
// extended or shrunk by dragging a handle, by the keys, or by the editor's Start/End buttons
// (statements.js says which highlight, and how); the new words are drawn at once and saved when
// the mouse is released, or after a pause in the keys.
// Plain DOM with text nodes only, as in article.js.

import { offsetIn, rangeIn } from "./cursor.js";
import { say } from "./messages.js";
import { save } from "./saving.js";
import { annotationOf, later, placeOf, state } from "./statementkit.js";

const $ = (id) => document.getElementById(id);
const PAUSE_MS = 600; // keys pressed within this time are saved together

// The words a statement has now: drawn and unsaved, being saved, or as the file has them.
function wordsOf(index) {
  for (const words of [state.pending, state.sent]) if (words && words.index === index) return words;
  return placeOf(index);
}

function active() {
  if (!state.lesson) return null;
  if (state.drag) return state.drag.index;
  if (state.open) return state.open.index;
  return state.focused ?? state.pointed;
}

// Where words start (punctuation before them included) and end (punctuation after included).
function edges(text, language) {
  const segmenter = new Intl.Segmenter(language || undefined, { granularity: "word" });
  const starts = [];
  const ends = [];
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (!isWordLike) continue;
    let start = index;
    while (start > 0 && !/[\s\p{L}\p{N}]/u.test(text[start - 1])) start -= 1;
    let end = index + segment.length;
    while (end < text.length && !/[\s\p{L}\p{N}]/u.test(text[end])) end += 1;
    if (starts.at(-1) !== start) starts.push(start);
    if (ends.at(-1) !== end) ends.push(end);
  }
  return { starts, ends };
}

// One word on or back: the statement's start or end moved to the next edge that keeps a word.
function stepped(words, end, step) {
  const text = state.lesson.blocks[words.block].text;
  const { starts, ends } = edges(text, state.lesson.language);
  if (end === "start") {
    const found =
      step < 0 ? starts.filter((s) => s < words.start).at(-1) : starts.find((s) => s > words.start);
    return found === undefined || found >= words.end ? null : { ...words, start: found };
  }
  const found =
    step < 0 ? ends.filter((e) => e < words.end).at(-1) : ends.find((e) => e > words.end);
  return found === undefined || found <= words.start ? null : { ...words, end: found };
}

// ---- drawing: the new words, and the handles --------------------------------------------------

// Drawn once a frame, before it is painted: a save redraws the article, opens the editor and
// moves the focus, and each asked for a draw, which measures the article's layout (three
// layouts where one does, while the teacher waits for the new kind to show).
let drawAsked = false;

export function draw() {
  if (drawAsked) return;
  drawAsked = true;
  requestAnimationFrame(() => {
    drawAsked = false;
    drawNow();
  });
}

function drawNow() {
  const article = $("article");
  if (window.CSS && CSS.highlights) CSS.highlights.delete("bounds");
  const index = active();
  const words = index === null || index === undefined ? null : wordsOf(index);
  const range = words && !article.classList.contains("stale") && rangeIn(words.block, words.start, words.end, { afterBadge: true });
  const rects = range ? [...range.getClientRects()].filter((r) => r.width > 0) : [];
  if (!rects.length) {
    article.querySelectorAll(".bound-handle").forEach((handle) => handle.remove());
    return;
  }
  if ((state.pending || state.sent) && window.CSS && CSS.highlights) {
    CSS.highlights.set("bounds", new Highlight(range));
  }
  const pane = article.getBoundingClientRect();
  const x = (clientX) => clientX - pane.left - article.clientLeft + article.scrollLeft;
  const y = (clientY) => clientY - pane.top - article.clientTop + article.scrollTop;
  const first = rects[0];
  const last = rects.at(-1);
  place("start", index, x(first.left), y(first.top), first.height);
  place("end", index, x(last.right), y(last.top), last.height);
}

// A handle, moved where it belongs (made once, and again after the article is redrawn).
function place(end, index, left, top, height) {
  let node = $("article").querySelector(`.bound-handle.${end}`);
  if (!node) {
    node = document.createElement("span");
    node.className = `bound-handle ${end}`;
    node.dataset.end = end;
    node.setAttribute("aria-hidden", "true"); // the keys and the editor's buttons do the same
    node.title = end === "start" ? "Drag to move the start" : "Drag to move the end";
    node.addEventListener("mousedown", startDrag);
    $("article").append(node);
  }
  node.dataset.index = index;
  node.style.left = `${left}px`;
  node.style.top = `${top}px`;
  node.style.height = `${height}px`;
}

// ---- the mouse ------------------------------------------------------------------------------

function startDrag(event) {
  if (event.button !== 0) return;
  event.preventDefault(); // no text selection: the handle carries the words' end
  event.stopPropagation();
  const index = Number(event.currentTarget.dataset.index);
  state.drag = { index, end: event.currentTarget.dataset.end };
  state.pending = { ...wordsOf(index), index };
  clearTimeout(state.timer);
  $("article").classList.add("dragging");
  document.addEventListener("mousemove", moveDrag);
  document.addEventListener("mouseup", endDrag, { once: true });
}

// The character of the statement's block under the pointer (its nearest end, off the block).
function offsetAt(clientX, clientY, block) {
  const text = $("article").querySelector(`.block[data-block="${block}"] .text`);
  const caret = document.caretPositionFromPoint
    ? document.caretPositionFromPoint(clientX, clientY)
    : document.caretRangeFromPoint(clientX, clientY);
  if (!caret) return null;
  const node = caret.offsetNode || caret.startContainer;
  const offset = caret.offset ?? caret.startOffset;
  const length = state.lesson.blocks[block].text.length;
  if (node.contains(text) && node !== text) {
    // Between the children of a paragraph (or further out): before or after its text.
    const child = [...node.childNodes].findIndex((c) => c.contains(text));
    return offset <= child ? 0 : length;
  }
  if (!text.contains(node)) {
    const before = text.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING;
    return before ? 0 : length;
  }
  return offsetIn(text, node, offset);
}

function moveDrag(event) {
  const words = state.pending;
  const at = offsetAt(event.clientX, event.clientY, words.block);
  if (at === null) return;
  const { starts, ends } = edges(state.lesson.blocks[words.block].text, state.lesson.language);
  const nearest = (list) => list.reduce((a, b) => (Math.abs(b - at) < Math.abs(a - at) ? b : a));
  if (state.drag.end === "start") {
    const start = nearest(starts.filter((s) => s < words.end));
    if (start !== undefined && start !== words.start) state.pending = { ...words, start };
  } else {
    const end = nearest(ends.filter((e) => e > words.start));
    if (end !== undefined && end !== words.end) state.pending = { ...words, end };
  }
  draw();
}

function endDrag() {
  if (!state.drag) return; // cancelled with Escape
  stopDrag();
  commit();
}

function stopDrag() {
  document.removeEventListener("mousemove", moveDrag);
  $("article").classList.remove("dragging");
  state.drag = null;
}

// ---- the keys ------------------------------------------------------------------------------

export function onKey(event) {
  if (event.key === "Escape" && state.drag) {
    stopDrag(); // the words stay as they were
    state.pending = null;
    draw();
    say("The words were left as they were.");
    return;
  }
  if (!event.shiftKey || event.altKey || !state.lesson) return;
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const target = event.target;
  let index = null;
  if (target.matches && target.matches("#article mark.hl")) index = Number(target.dataset.index);
  else if (state.open && target.closest && target.closest("#editor-quote, #words")) {
    index = state.open.index;
  }
  if (index === null) return;
  event.preventDefault();
  move(index, event.ctrlKey || event.metaKey ? "start" : "end", event.key === "ArrowLeft" ? -1 : 1);
}

export function move(index, end, step) {
  const words = wordsOf(index);
  if (!words) return;
  const next = stepped(words, end, step);
  const text = state.lesson.blocks[words.block].text;
  if (!next) {
    say(
      end === "start" && step > 0 || end === "end" && step < 0
        ? "The statement keeps at least one word."
        : `The ${end} of the paragraph: a statement stays within its paragraph.`,
    );
    return;
  }
  // A key stops at the next statement (a drag there is refused by the server, and says so).
  const other = state.lesson.blocks[words.block].marks.find(
    (m) => m.index !== index && m.start < next.end && next.start < m.end,
  );
  if (other) {
    say(`Statement ${other.number} is there: two statements cannot share words.`);
    return;
  }
  state.pending = { ...next, index };
  say(`Statement ${words.number ?? placeOf(index).number}: ${text.slice(next.start, next.end)}`);
  draw();
  clearTimeout(state.timer);
  state.timer = setTimeout(commit, PAUSE_MS);
}

// ---- saving ------------------------------------------------------------------------------

function commit() {
  clearTimeout(state.timer);
  const words = state.pending;
  state.pending = null;
  if (!words) return;
  const now = placeOf(words.index);
  const same = now && now.start === words.start && now.end === words.end;
  if (same && !state.sent) {
    draw();
    return;
  }
  state.sent = words;
  later(async () => {
    const annotation = annotationOf(words.index);
    const here = placeOf(words.index);
    if (!annotation || (here && here.start === words.start && here.end === words.end)) {
      if (state.sent === words) state.sent = null; // nothing to save (moved there and back)
      draw();
      return;
    }
    const { block, start, end } = words;
    const body = { quote: annotation.quote, block, start, end };
    const lesson = await save(`api/statements/${words.index}/bounds`, body);
    if (state.sent === words) state.sent = null;
    const saved = lesson && placeOf(words.index);
    if (saved) {
      const quote = annotationOf(words.index).quote;
      say(`Statement ${saved.number} now reads “${quote}”. Ctrl+Z undoes the change.`);
    }
    draw();
  });
}
