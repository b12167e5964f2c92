// medialit preview: marking from the keyboard. The article takes focus; the arrow keys move
// a sentence cursor through it, Shift+arrows extend or shrink it (a word with Left/Right, a
// sentence with Up/Down, within one paragraph, as a statement must be), and Enter or M marks
// the words under it. The cursor is drawn with the CSS Highlight API (no change to the DOM, so
// the article's text stays exactly the lesson's) and read out through a live region.

const $ = (id) => document.getElementById(id);

export const cursor = { at: null }; // {block, start, end}: characters of a block's text

// The character offset of a DOM position in its block's text (badges and numbers left out).
export function offsetIn(text, node, offset) {
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(node, offset);
  const fragment = range.cloneContents();
  fragment.querySelectorAll(".badge").forEach((badge) => badge.remove());
  return fragment.textContent.length;
}

// A range over characters start–end of block `index`'s text (badges and numbers left out).
// `afterBadge`: a start at the end of one text node begins in the next one (after a
// highlight's badge, where the statements module puts its start handle), not before it.
export function rangeIn(index, start, end, { afterBadge = false } = {}) {
  const block = $("article").querySelector(`.block[data-block="${index}"] .text`);
  if (!block) return null;
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement.closest(".badge") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const range = document.createRange();
  let at = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!started && (afterBadge ? start < at + length : start <= at + length)) {
      range.setStart(node, start - at);
      started = true;
    }
    if (started && end <= at + length) {
      range.setEnd(node, end - at);
      return range;
    }
    at += length;
  }
  return null;
}

// The sentences of a text, as [start, end] without the space after them.
function sentences(text, language) {
  const segmenter = new Intl.Segmenter(language || undefined, { granularity: "sentence" });
  const found = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const end = index + segment.trimEnd().length;
    const start = index + (segment.length - segment.trimStart().length);
    if (end > start) found.push([start, end]);
  }
  return found;
}

// The ends of the words of a text (a word's end, with the punctuation right after it).
function wordEnds(text, language) {
  const segmenter = new Intl.Segmenter(language || undefined, { granularity: "word" });
  const ends = [];
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (isWordLike) ends.push(index + segment.length);
    else if (ends.length && ends.at(-1) === index && segment.trim()) ends[ends.length - 1] += segment.length;
  }
  return ends;
}

// A mouse selection's ends moved out to whole words: an end strictly inside a word's letters
// goes to that word's edge ("ublic meeting … Octo" was saved as it was dragged); an end between
// words or beside punctuation (just after an opening quote mark) stays where it was put.
export function wholeWords(text, start, end, language) {
  const segments = new Intl.Segmenter(language || undefined, { granularity: "word" }).segment(text);
  const first = start < text.length ? segments.containing(start) : null;
  if (first && first.isWordLike && first.index < start) start = first.index;
  const last = end > 0 ? segments.containing(end - 1) : null;
  if (last && last.isWordLike && last.index + last.segment.length > end) {
    end = last.index + last.segment.length;
  }
  return { start, end };
}

function all(lesson) {
  return lesson.blocks.flatMap((block, index) =>
    sentences(block.text, lesson.language).map(([start, end]) => ({ block: index, start, end })),
  );
}

// Where a key moves the cursor; null when the key is not the cursor's.
function moved(lesson, at, key, shift) {
  const list = all(lesson);
  if (!list.length) return null;
  if (!at) return key.startsWith("Arrow") || key === "Home" ? list[0] : null;
  const text = lesson.blocks[at.block].text;
  if (!shift) {
    const here = list.findIndex((s) => s.block === at.block && s.end > at.start);
    const index = here === -1 ? list.length - 1 : here;
    if (key === "ArrowDown" || key === "ArrowRight") {
      // From a cursor extended past several sentences, on from the last one it covers.
      const last = list.findLastIndex((s) => s.block === at.block && s.start < at.end);
      return list[Math.min(last + 1, list.length - 1)];
    }
    if (key === "ArrowUp" || key === "ArrowLeft") return list[Math.max(index - 1, 0)];
    if (key === "Home") return list[0];
    if (key === "End") return list[list.length - 1];
    return null;
  }
  const inBlock = list.filter((s) => s.block === at.block);
  if (key === "ArrowRight") {
    const end = wordEnds(text, lesson.language).find((e) => e > at.end);
    return end === undefined ? at : { ...at, end };
  }
  if (key === "ArrowLeft") {
    const ends = wordEnds(text, lesson.language).filter((e) => e < at.end && e > at.start);
    return ends.length ? { ...at, end: ends.at(-1) } : at;
  }
  if (key === "ArrowDown") {
    const next = inBlock.find((s) => s.end > at.end);
    return next ? { ...at, end: next.end } : at;
  }
  if (key === "ArrowUp") {
    const back = inBlock.filter((s) => s.end < at.end && s.end > at.start);
    return back.length ? { ...at, end: back.at(-1).end } : at;
  }
  return null;
}

// Draw the cursor (again, after the article is redrawn) and scroll it into view.
export function showCursor(lesson, { announce = false } = {}) {
  if (!window.CSS || !CSS.highlights) return;
  const at = cursor.at;
  const range = at && rangeIn(at.block, at.start, at.end);
  if (!range || document.activeElement !== $("article")) {
    CSS.highlights.delete("cursor");
    return;
  }
  CSS.highlights.set("cursor", new Highlight(range));
  const box = range.getBoundingClientRect();
  const pane = $("article").getBoundingClientRect();
  if (box.top < pane.top || box.bottom > pane.bottom) {
    $("article").scrollTop += box.top - pane.top - pane.height / 3;
  }
  if (announce) {
    const number = lesson.blocks[at.block].number;
    const where = number === null ? "" : `Paragraph ${number}: `;
    $("cursor-words").textContent = where + lesson.blocks[at.block].text.slice(at.start, at.end);
  }
}

// The article's keys. `mark(at)` opens the marking dialog on the words under the cursor.
export function onArticleKey(event, lesson, mark) {
  if (!lesson || event.target !== $("article") || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  const block = cursor.at && lesson.blocks[cursor.at.block];
  if (cursor.at && (!block || cursor.at.end > block.text.length)) cursor.at = null; // file changed
  if ((event.key === "Enter" || event.key === "m" || event.key === "M") && cursor.at) {
    event.preventDefault();
    mark(cursor.at);
    return;
  }
  const next = moved(lesson, cursor.at, event.key, event.shiftKey);
  if (!next) return;
  event.preventDefault();
  cursor.at = next;
  showCursor(lesson, { announce: true });
}
