// medialit preview: the article pane drawn from the lesson view (its legend, its paragraphs
// with their highlights), and where a selection stands in the lesson's text.
// Plain DOM with text nodes only: nothing from the lesson file is parsed as HTML.

import { offsetIn, rangeIn, showCursor } from "./cursor.js";
import { element, kindOf, state } from "./studio.js";

const $ = (id) => document.getElementById(id);

export function renderLegend(view) {
  $("legend").replaceChildren(
    ...view.kinds.map((kind) => {
      const item = element("span", `hl kind-${kind.name}`);
      item.append(element("span", `badge kind-${kind.name}`, kind.badge), kind.label);
      return item;
    }),
  );
}

export function renderArticle(view) {
  const article = $("article");
  const scroll = article.scrollTop;
  // A save's answer or a change on disk may arrive while the teacher is selecting words:
  // the redraw keeps the selection (and the words being marked), so it is never lost
  // and never leaves the editor on the statement saved just before.
  const selected = selectionInArticle();
  const focused = document.activeElement && document.activeElement.closest("#article mark.hl");
  const kinds = JSON.stringify(view.kinds);
  const drawn = view.blocks.map((block) => ({ key: kinds + JSON.stringify(block), kind: block.kind }));
  const same =
    drawnBlocks.length === drawn.length &&
    drawn.every((block, index) => block.kind === drawnBlocks[index].kind) &&
    drawnBlocks.every((block) => article.contains(block.node));
  if (same) {
    // Only the paragraphs drawn differently are made again: a kind's save redraws one.
    view.blocks.forEach((block, index) => {
      if (drawn[index].key === drawnBlocks[index].key) return;
      const node = blockNode(block, index);
      drawnBlocks[index].node.replaceWith(node);
      drawnBlocks[index] = { ...drawn[index], node };
    });
  } else {
    const nodes = [];
    let list = null;
    drawnBlocks = view.blocks.map((block, index) => {
      const node = blockNode(block, index);
      if (block.kind === "item") {
        if (!list) {
          list = element("ul", "items");
          nodes.push(list);
        }
        list.append(node);
      } else {
        list = null;
        nodes.push(node);
      }
      return { ...drawn[index], node };
    });
    article.replaceChildren(...nodes);
  }
  article.scrollTop = scroll;
  if (focused) focusHighlight(Number(focused.dataset.index));
  showCursor(view);
  if (selected && !selected.error) {
    const range = rangeIn(selected.block, selected.start, selected.end);
    if (range) {
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    }
  }
  const editing = state.editing;
  if (editing && editing.mode === "new") {
    const { block, start, end } = editing.selection;
    editing.selection.range = rangeIn(block, start, end);
    showPending(editing.selection.range);
  }
}

// The article's paragraphs as drawn: each one's node, and what it was drawn from. A save
// redraws only the paragraphs whose statements changed, so that the browser lays out those
// again, not the whole article, before the teacher sees the new kind.
let drawnBlocks = [];

function blockNode(block, index) {
  const tag = block.kind === "heading" ? "h3" : block.kind === "item" ? "li" : "p";
  const node = element(tag, `block ${block.kind}`);
  node.dataset.block = index;
  if (block.number !== null) node.append(element("span", "pno", String(block.number)));
  node.append(blockText(block));
  return node;
}

function blockText(block) {
  const text = element("span", "text");
  let at = 0;
  for (const mark of block.marks) {
    if (mark.start > at) text.append(block.text.slice(at, mark.start));
    const kind = kindOf(mark.kind);
    const highlight = element("mark", `hl kind-${mark.kind}${mark.draft ? " draft" : ""}`);
    highlight.dataset.index = mark.index;
    highlight.tabIndex = 0;
    // A button that opens the statement's dialog, named with its number and kind: a screen
    // reader hears "Statement 2, Assertion (draft): Everyone knows…" (the teacher's page only).
    const name = `Statement ${mark.number}, ${kind.label}${mark.draft ? " (draft)" : ""}`;
    highlight.title = name;
    highlight.setAttribute("role", "button");
    highlight.setAttribute("aria-haspopup", "dialog");
    highlight.setAttribute("aria-label", `${name}: ${block.text.slice(mark.start, mark.end)}`);
    const badge = element("span", `badge kind-${mark.kind}`, `${mark.number} ${kind.badge}`);
    badge.setAttribute("aria-hidden", "true");
    highlight.append(badge, block.text.slice(mark.start, mark.end));
    text.append(highlight);
    at = mark.end;
  }
  if (at < block.text.length) text.append(block.text.slice(at));
  return text;
}

export function selectionInArticle() {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  const startBlock = blockOf(range.startContainer);
  const endBlock = blockOf(range.endContainer);
  if (!startBlock && !endBlock) return null;
  if (startBlock !== endBlock) return { error: "Select words within one paragraph." };
  const text = startBlock.querySelector(".text");
  const clamp = (container, offset, fallback) =>
    text.contains(container) ? offsetIn(text, container, offset) : fallback;
  const start = clamp(range.startContainer, range.startOffset, 0);
  const end = clamp(range.endContainer, range.endOffset, text.textContent.length);
  return {
    block: Number(startBlock.dataset.block),
    start,
    end,
    rect: range.getBoundingClientRect(),
    range: range.cloneRange(),
  };
}

export function focusHighlight(index) {
  const highlight = $("article").querySelector(`mark.hl[data-index="${index}"]`);
  if (highlight) highlight.focus();
  return !!highlight;
}

function blockOf(node) {
  const elementNode = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const block = elementNode && elementNode.closest(".block");
  return block && $("article").contains(block) ? block : null;
}

// The words being marked stay visible while the teacher types in the editor.
export function showPending(range) {
  if (!window.CSS || !CSS.highlights) return;
  if (range) CSS.highlights.set("pending", new Highlight(range));
  else CSS.highlights.delete("pending");
}
