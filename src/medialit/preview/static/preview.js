// medialit preview: the article pane, the editor and the pages pane.
// Plain DOM with text nodes only: nothing from the lesson file is parsed as HTML.
// Every address below is relative: the page lives under its secret path, /s/<token>/ (guard.py).
// The studio's editors are modules of their own: they import save, say and warn from here and
// listen for the document events "medialit:lesson" (the lesson view, after every change, from
// any origin), "medialit:pages" (the pages pane's state) and "medialit:editing" (the statement
// open in the editor, or null).

import { cursor, onArticleKey, rangeIn, showCursor, wholeWords } from "./cursor.js";

const $ = (id) => document.getElementById(id);

const state = {
  lesson: null, // the article pane's data, as /api/lesson gives it
  version: null, // the file version this page shows; every change quotes it
  editing: null, // {mode: "new", selection} or {mode: "edit", annotation}
  opener: null, // where focus returns when the editor closes: a highlight's index, or the article
  review: null, // after a kind change: what was written for the old kind, to review
  saving: 0,
  sequence: null, // the server's number for the view shown: an older one is not shown
  heard: false, // a "lesson" event has come: the event stream carries every view set since
  documentShown: "student",
  pages: null,
};

// ---- messages ------------------------------------------------------------------------

// A statement's first words, to name it in a message (as the server's undo labels do).
export function short(quote) {
  const words = quote.split(/\s+/);
  return words.slice(0, 6).join(" ") + (words.length > 6 ? " …" : "");
}

export function say(text) {
  $("status").textContent = text;
  $("status").title = text; // two lines show; the whole message on hover, and to screen readers
}

export function warn(message, problems = []) {
  $("alert-message").textContent = message;
  $("alert-problems").replaceChildren(
    ...problems.map((problem) => {
      const item = document.createElement("li");
      item.textContent = problem;
      return item;
    }),
  );
  $("alert").hidden = false;
}

function clearWarning() {
  $("alert").hidden = true;
}

function clock() {
  return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

// ---- the article pane ------------------------------------------------------------------

function kindOf(name) {
  return state.lesson.kinds.find((kind) => kind.name === name);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showLesson(view, origin) {
  if (!view) return;
  // A save's answer and the events come by different roads: the later view (the server's
  // order, "sequence") wins, whichever arrives last.
  if (view.sequence != null) {
    if (state.sequence != null && view.sequence < state.sequence) return;
    state.sequence = view.sequence;
  }
  const first = state.version === null;
  const changed = view.version !== state.version;
  state.version = view.version;
  $("file").textContent = view.file;
  if (view.problems.length) {
    warn(
      // The server names a missing file itself; other problems are medialit check's.
      view.message ||
        "The lesson has problems, as medialit check reports them below. The page shows the " +
          "last version that worked; fix the file and save it, and this page updates by itself.",
      view.problems,
    );
    $("article").classList.add("stale");
    closeEditor();
    return;
  }
  // A view of the version shown already (an event, or the page's first answer arriving
  // late) leaves a refusal's message on screen; a change or the page's own save clears it.
  if (origin !== "stale" && (changed || origin === "save")) clearWarning();
  $("article").classList.remove("stale");
  if (!changed && state.lesson) return;
  state.lesson = view;
  $("article").dataset.version = view.version; // the version shown (tests, bench_studio.py)
  document.title = `${view.title} · medialit preview`;
  $("title").textContent = view.title;
  $("article").lang = view.language;
  for (const kind of view.kinds) {
    document.documentElement.style.setProperty(`--kind-${kind.name}`, kind.colour);
  }
  renderLegend(view);
  renderArticle(view);
  document.dispatchEvent(new CustomEvent("medialit:lesson", { detail: view }));
  if (origin === "file" && !first && state.saving === 0) say(`Updated from the file at ${clock()}.`);
  // Changed elsewhere (see history.py); but while this page saves, a file event is most
  // likely its own save, whose answer says what can be undone (Ctrl+Z in between found the
  // Undo hidden and said "Nothing to undo").
  if ((origin === "file" && state.saving === 0) || origin === "stale") showUndo(null);
  refreshEditor();
}

function renderLegend(view) {
  $("legend").replaceChildren(
    ...view.kinds.map((kind) => {
      const item = element("span", `hl kind-${kind.name}`);
      item.append(element("span", `badge kind-${kind.name}`, kind.badge), kind.label);
      return item;
    }),
  );
}

function renderArticle(view) {
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

// The character offset of a DOM position in its block's text (badges and numbers left out).
function offsetIn(text, node, offset) {
  const range = document.createRange();
  range.setStart(text, 0);
  range.setEnd(node, offset);
  const fragment = range.cloneContents();
  fragment.querySelectorAll(".badge").forEach((badge) => badge.remove());
  return fragment.textContent.length;
}

function selectionInArticle() {
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

function focusHighlight(index) {
  const highlight = $("article").querySelector(`mark.hl[data-index="${index}"]`);
  if (highlight) highlight.focus();
  return !!highlight;
}

function blockOf(node) {
  const elementNode = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const block = elementNode && elementNode.closest(".block");
  return block && $("article").contains(block) ? block : null;
}

function onSelect() {
  if (!state.lesson || $("article").classList.contains("stale")) return;
  const selected = selectionInArticle();
  if (!selected) return;
  if (selected.error) {
    say(selected.error);
    return;
  }
  const block = state.lesson.blocks[selected.block];
  const words = wholeWords(block.text, selected.start, selected.end, state.lesson.language);
  if (words.start !== selected.start || words.end !== selected.end) {
    // What is shown selected (and pending, once the editor opens) is what will be saved.
    const range = rangeIn(selected.block, words.start, words.end);
    if (range) {
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      Object.assign(selected, words, { range, rect: range.getBoundingClientRect() });
    }
  }
  const quote = block.text.slice(selected.start, selected.end).trim();
  if (!quote) return;
  openEditor({ mode: "new", selection: selected, quote }, selected.rect);
}

// The keyboard's way to the same dialog: the words under the sentence cursor (cursor.js).
function markAtCursor(at) {
  if ($("article").classList.contains("stale")) return;
  const range = rangeIn(at.block, at.start, at.end);
  if (!range) return;
  const block = state.lesson.blocks[at.block];
  const quote = block.text.slice(at.start, at.end).trim();
  // Words that are a statement already: its own dialog, opened as a click on it (and Enter
  // on it) opens it (a new one would repeat its quote, which the lesson refuses).
  const mark = block.marks.find((m) => block.text.slice(m.start, m.end).trim() === quote);
  const highlight = mark && $("article").querySelector(`mark.hl[data-index="${mark.index}"]`);
  if (highlight) {
    highlight.click();
    return;
  }
  const selection = { ...at, range, rect: range.getBoundingClientRect() };
  openEditor({ mode: "new", selection, quote }, selection.rect);
}

// ---- the editor ------------------------------------------------------------------------

// The words being marked stay visible while the teacher types in the editor.
function showPending(range) {
  if (!window.CSS || !CSS.highlights) return;
  if (range) CSS.highlights.set("pending", new Highlight(range));
  else CSS.highlights.delete("pending");
}

function openEditor(editing, rect) {
  const opener = document.activeElement && document.activeElement.closest("#article mark.hl");
  if (!state.editing) state.opener = opener ? Number(opener.dataset.index) : "article";
  state.editing = editing;
  state.review = null;
  showPending(editing.mode === "new" ? editing.selection.range : null);
  $("why").value = editing.mode === "edit" ? editing.annotation.why : "";
  $("check").value = editing.mode === "edit" ? editing.annotation.check : "";
  refreshEditor();
  const editor = $("editor");
  editor.hidden = false;
  const width = editor.offsetWidth;
  const height = editor.offsetHeight;
  const paneRight = $("article").getBoundingClientRect().right;
  let left;
  let top;
  if (window.innerWidth - paneRight >= width + 24) {
    // Beside the article, over the pages, level with the words: the text stays in view.
    left = paneRight + 12;
    top = Math.min(Math.max(8, rect.top - 24), window.innerHeight - height - 8);
  } else {
    left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    top = rect.bottom + 8 + height > window.innerHeight ? rect.top - height - 8 : rect.bottom + 8;
  }
  editor.style.setProperty("left", `${left + window.scrollX}px`);
  editor.style.setProperty("top", `${Math.max(8, top) + window.scrollY}px`);
  // Focus moves into the dialog: onto the kind chosen, or the first kind.
  const pressed = editor.querySelector(".kind-button[aria-pressed=true]");
  (pressed || editor.querySelector(".kind-button")).focus();
}

// A closed <details> gives a screen reader no description: what a keys' help describes
// reads a hidden copy of its words, outside it, open or closed.
function describeFromOutside() {
  for (const help of document.querySelectorAll("details.keys-help > p[id]")) {
    const copy = document.createElement("p");
    copy.id = `${help.id}-read`;
    copy.className = "visually-hidden";
    copy.textContent = help.textContent.replace(/\s+/g, " ").trim();
    document.body.append(copy);
    for (const described of document.querySelectorAll(`[aria-describedby~="${help.id}"]`)) {
      const ids = described.getAttribute("aria-describedby").split(/\s+/);
      described.setAttribute("aria-describedby", ids.map((id) => (id === help.id ? copy.id : id)).join(" "));
    }
  }
}

// The dialog grows as its fields appear (a kind chosen for new words shows why, how to
// check, the words' buttons): moved up as it grows, so that it stays in the window (it ran
// off its foot on a 1366×768 laptop, Save and Delete out of sight).
const keepEditorInView = new ResizeObserver(() => {
  const editor = $("editor");
  if (editor.hidden) return;
  const box = editor.getBoundingClientRect();
  const over = box.bottom - (window.innerHeight - 8);
  if (over > 0) editor.style.setProperty("top", `${Math.max(8, box.top - over) + window.scrollY}px`);
});

function closeEditor() {
  const wasOpen = !!state.editing;
  state.editing = null;
  state.review = null;
  showPending(null);
  if (wasOpen) document.dispatchEvent(new CustomEvent("medialit:editing", { detail: null }));
  $("editor").hidden = true;
  // Focus returns where it was: the highlight opened, else the article (its cursor kept).
  const focus = document.activeElement;
  if (wasOpen && (!focus || focus === document.body || $("editor").contains(focus))) {
    const opener = state.opener;
    state.opener = null;
    if (typeof opener !== "number" || !focusHighlight(opener)) $("article").focus();
    if (state.lesson) showCursor(state.lesson);
  }
}

function refreshEditor() {
  const editing = state.editing;
  if (!editing || !state.lesson) return;
  if (editing.mode === "edit") {
    // After a reload the annotation may have moved or gone: find it by its id, else by its
    // quote, else (its words changed: statements.js) at its place with the same answer.
    const { id, quote, index, kind, why } = editing.annotation;
    const found =
      (id && state.lesson.annotations.find((a) => a.id === id)) ||
      state.lesson.annotations.find((a) => a.quote === quote) ||
      state.lesson.annotations.find((a) => a.index === index && a.kind === kind && a.why === why);
    if (!found) {
      closeEditor();
      return;
    }
    editing.annotation = found;
  }
  const annotation = editing.mode === "edit" ? editing.annotation : null;
  $("editor-title").textContent = annotation
    ? `Statement ${annotation.number}: ${kindOf(annotation.kind).label}`
    : "Mark the selected words as";
  $("editor-quote").textContent = annotation ? annotation.quote : editing.quote;
  $("editor-draft").hidden = !(annotation && annotation.draft);
  $("editor-review").hidden = !state.review;
  $("editor-review").textContent = state.review || "";
  // The statement open, for the editors of its other fields (statements.js): null when none.
  document.dispatchEvent(new CustomEvent("medialit:editing", { detail: annotation }));
  $("also").hidden = !annotation;
  if (annotation) {
    $("also-boxes").replaceChildren(
      ...state.lesson.kinds
        .filter((kind) => kind.name !== annotation.kind)
        .map((kind) => {
          const box = element("input");
          box.type = "checkbox";
          box.value = kind.name;
          box.id = `also-${kind.name}`;
          box.checked = annotation.also_accept.includes(kind.name);
          box.addEventListener("change", chooseAlso);
          const label = element("label", "", kind.label);
          label.htmlFor = box.id;
          const pair = element("span", "");
          pair.append(box, label);
          return pair;
        }),
    );
  }
  // The buttons are made anew: the focus stays on the same kind (or box) after a save.
  const focused = document.activeElement;
  const focusKind = focused && focused.matches(".kind-button") ? focused.dataset.kind : null;
  const focusBox = focused && focused.matches(".also input") ? focused.value : null;
  $("kind-buttons").replaceChildren(
    ...state.lesson.kinds.map((kind) => {
      const button = element("button", `kind-button kind-${kind.name}`, kind.label);
      button.type = "button";
      button.dataset.kind = kind.name;
      button.setAttribute("aria-pressed", String(!!annotation && annotation.kind === kind.name));
      button.addEventListener("click", () => chooseKind(kind.name));
      return button;
    }),
  );
  $("save").hidden = !annotation;
  $("delete").hidden = !annotation;
  // Confirm goes with the draft: the focus on it went to the page's body (lost to a keyboard).
  const confirmFocused = document.activeElement === $("confirm");
  $("confirm").hidden = !(annotation && annotation.draft);
  const pressed = $("kind-buttons").querySelector("[aria-pressed=true]") || $("kind-buttons").querySelector("button");
  if (confirmFocused && $("confirm").hidden && pressed) pressed.focus();
  if (focusKind) $("kind-buttons").querySelector(`[data-kind="${focusKind}"]`).focus();
  const box = focusBox && $(`also-${focusBox}`);
  if (box) box.focus();
  else if (focusBox && pressed) pressed.focus();
}

function chooseAlso() {
  const ticked = [...$("also-boxes").querySelectorAll("input:checked")].map((box) => box.value);
  changeAnnotation({ also_accept: ticked });
}

function chooseKind(kind) {
  const editing = state.editing;
  if (!editing) return;
  if (editing.mode === "new") {
    const { block, start, end } = editing.selection;
    const body = { block, start, end, kind, why: $("why").value, check: $("check").value };
    window.getSelection().removeAllRanges();
    save("api/annotations", body).then((lesson) => {
      // Keep the editor open on the new annotation, to write why and how to check.
      const added = lesson && newest(lesson);
      if (added) {
        // Named, as a delete is: "Saved to …" did not say what was added (a newcomer's run).
        const next = added.why && added.why !== NOT_EXPLAINED ? "" : " Say why it is this kind, then Save.";
        say(`Added statement ${added.number} (${kindOf(added.kind).label}): “${short(added.quote)}”.${next}`);
      }
      if (added && state.editing === editing) {
        showPending(null);
        state.editing = { mode: "edit", annotation: added };
        refreshEditor();
      }
    });
  } else {
    const before = editing.annotation;
    if (before.kind === kind) return;
    changeAnnotation({ kind }).then((lesson) => {
      if (!lesson || state.editing !== editing) return;
      // Say what was written for the old kind, to review (rekind.py keeps or removes it).
      const old = kindOf(before.kind).label;
      const notes = [`Changed from ${old} to ${kindOf(kind).label}.`];
      if (before.why !== NOT_EXPLAINED || before.check) {
        notes.push(`Its why and how to check were written for ${old}: review them, then Confirm draft.`);
      }
      if (before.techniques.length) {
        notes.push(`Removed the techniques named for ${old}: ${before.techniques.join(", ")}.`);
      }
      if (before.also_accept.length) {
        notes.push(`Also accept: ${before.also_accept.filter((k) => k !== kind).map((k) => kindOf(k).label).join(", ") || "none now"}.`);
      }
      notes.push("Ctrl+Z undoes the change.");
      state.review = notes.join(" ");
      refreshEditor();
    });
  }
}

const NOT_EXPLAINED = "Not explained yet: say why this is the kind chosen.";

function newest(lesson) {
  return lesson.annotations.reduce((a, b) => (b.index > a.index ? b : a), lesson.annotations[0]);
}

function changeAnnotation(fields) {
  const annotation = state.editing.annotation;
  return save(`api/annotations/${annotation.index}`, { quote: annotation.quote, ...fields });
}

// ---- saving: one change at a time, each quoting the version it was made on ----------------

let queue = Promise.resolve();
// Whether the last save queued was made (false: refused, or the file changed meanwhile).
let lastSaved = Promise.resolve(true);

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

function showUndo(label) {
  $("undo").hidden = !label;
  $("undo").textContent = label ? "Undo" : "";
  if (label) $("undo").setAttribute("aria-label", `Undo ${label} (Ctrl+Z)`);
  if (label) $("undo").title = `Undo ${label} (Ctrl+Z)`;
}

function undo() {
  if (state.saving) {
    // A save still on its way is what Ctrl+Z means: undone once it lands, and only if it
    // was made. A refused one undoes nothing (the server's last save may be another tab's).
    closeEditor();
    lastSaved.then((made) => {
      if (made) save("api/undo", {});
      else say("Nothing undone: that change was not saved.");
    });
    return;
  }
  if ($("undo").hidden) {
    say("Nothing to undo.");
    return;
  }
  closeEditor();
  save("api/undo", {});
}

// ---- the pages pane --------------------------------------------------------------------

function showPages(pages) {
  state.pages = pages;
  document.dispatchEvent(new CustomEvent("medialit:pages", { detail: pages }));
  if (pages.level) {
    // Another tab may have chosen: show what the images are.
    $("level").value = pages.level;
    $("version").value = pages.version || "";
  }
  const shown = pages.documents.find((d) => d.name === state.documentShown);
  const counts = pages.documents
    .map((d) => `${LABELS[d.name]}: ${d.count} ${d.count === 1 ? "page" : "pages"}`)
    .join(" · ");
  $("page-count").textContent = pages.busy ? `Laying out the pages… ${counts}` : counts;
  $("pages").classList.toggle("busy", !!pages.busy);
  const problems = [pages.error, ...pages.documents.map((d) => d.error)].filter(Boolean);
  const warnings = [...problems, ...pages.documents.flatMap((d) => d.warnings)];
  $("page-warnings").replaceChildren(...warnings.map((text) => element("li", "", text)));
  if (!shown) return;
  const images = [];
  for (let number = 1; number <= shown.count; number += 1) {
    const image = element("img", "page");
    // A page that prints the same as before keeps its image's address: it is not loaded again.
    const [generation, at] = shown.pages ? shown.pages[number - 1] : [shown.generation, number];
    image.src = `pages/${generation}/${shown.name}/${at}.png`;
    image.alt = `${LABELS[shown.name]}, page ${number} of ${shown.count}`;
    images.push(image);
  }
  const container = $("pages");
  const old = container.querySelectorAll("img");
  if (old.length === images.length) {
    images.forEach((image, i) => {
      if (old[i].src !== image.src) Object.assign(old[i], { src: image.src, alt: image.alt });
    });
  } else {
    container.replaceChildren(...images);
  }
  // The lesson version these pages are for: pages that print the same keep their images.
  container.dataset.version = shown.version || "";
}

const LABELS = { student: "Student sheet", key: "Answer key" };

function showDocument(name) {
  state.documentShown = name;
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.setAttribute("aria-selected", String(tab.dataset.document === name));
  }
  $("pages").setAttribute("aria-labelledby", `tab-${name}`);
  $("pages").replaceChildren();
  if (state.pages) showPages(state.pages);
}

async function choosePages() {
  const body = { level: $("level").value, version: $("version").value || null };
  await fetch("api/pages", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

// ---- wiring ------------------------------------------------------------------------------

// The keys' help is open where the window has room for it; on a shorter one (a 1366×768
// laptop, a 1080-line screen) it stays behind its "Keys" line, so that the article's own
// lines show (queue.css and glance.css give up height at the same size).
const TALL_WINDOW = 1100;

function start() {
  keepEditorInView.observe($("editor"));
  describeFromOutside();
  if (window.innerHeight >= TALL_WINDOW) {
    for (const help of document.querySelectorAll("details[data-open-when-tall]")) help.open = true;
  }
  $("article").addEventListener("mouseup", () => setTimeout(onSelect, 0));
  $("article").addEventListener("keyup", (event) => {
    if (event.shiftKey) onSelect();
  });
  $("article").addEventListener("click", (event) => {
    const highlight = event.target.closest("mark.hl");
    if (!highlight || !window.getSelection().isCollapsed || !state.lesson) return;
    const annotation = state.lesson.annotations.find((a) => a.index === Number(highlight.dataset.index));
    if (annotation) openEditor({ mode: "edit", annotation }, highlight.getBoundingClientRect());
  });
  $("article").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("mark.hl")) event.target.click();
    else onArticleKey(event, state.lesson, markAtCursor);
  });
  $("article").addEventListener("focus", () => {
    if (state.lesson) showCursor(state.lesson, { announce: !!cursor.at });
  });
  $("article").addEventListener("blur", () => {
    if (state.lesson) showCursor(state.lesson);
  });
  $("save").addEventListener("click", () =>
    changeAnnotation({ why: $("why").value, check: $("check").value }),
  );
  $("confirm").addEventListener("click", () => {
    const { number } = state.editing.annotation;
    changeAnnotation({ confirm: true }).then((lesson) => {
      if (lesson) say(`Confirmed statement ${number}.`);
    });
  });
  $("delete").addEventListener("click", () => {
    const annotation = state.editing.annotation;
    state.opener = "article";
    closeEditor();
    save(`api/annotations/${annotation.index}/delete`, { quote: annotation.quote }).then((lesson) => {
      // No confirmation: a delete is undone with Ctrl+Z or the Undo button, exactly.
      if (lesson) say(`Deleted statement ${annotation.number}. Ctrl+Z or Undo puts it back.`);
    });
  });
  $("close").addEventListener("click", closeEditor);
  $("undo").addEventListener("click", undo);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeEditor();
    // Ctrl+Z in a text field undoes typing there; elsewhere it undoes the last save.
    const typing = event.target.matches && event.target.matches("textarea, input[type=text], select");
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "z" && !typing) {
      event.preventDefault();
      undo();
    }
  });
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => showDocument(tab.dataset.document));
  }
  $("level").addEventListener("change", choosePages);
  $("version").addEventListener("change", choosePages);

  fetch("api/lesson")
    .then((response) => response.json())
    .then((view) => {
      // The event stream sends the view as it connects and every view set after, so once
      // it has spoken this answer can only be as new, or older (read before an editor's
      // save whose event came first): never let it put an older lesson back.
      if (state.heard && view.version !== state.version) return;
      showLesson(view, "load");
      showUndo(view.undo);
    });
  fetch("api/pages")
    .then((response) => response.json())
    .then(showPages);
  const events = new EventSource("events");
  events.addEventListener("lesson", (event) => {
    state.heard = true;
    showLesson(JSON.parse(event.data), "file");
  });
  events.addEventListener("pages", (event) => showPages(JSON.parse(event.data)));
  events.addEventListener("error", () => say("Lost the connection to medialit preview; is it still running?"));
  events.addEventListener("open", () => say(""));
}

// After every module script of the page has run (module scripts run before DOMContentLoaded),
// so that each studio module hears the first "medialit:lesson" event.
document.addEventListener("DOMContentLoaded", start);
