// medialit preview: the studio page's entry. It shows each lesson view as it comes (the page's
// first answer, a save's, a change on disk), and wires the article, the editor, Undo and the
// pages pane, each a module of its own (article.js, editor.js, saving.js, pages.js).
// Every address is relative: the page lives under its secret path, /s/<token>/ (guard.py).
// The studio's editors are modules of their own: they import save from saving.js and say and
// warn from messages.js, and listen for the document events "medialit:lesson" (the lesson view,
// after every change, from any origin), "medialit:pages" (the pages pane's state) and
// "medialit:editing" (the statement open in the editor, or null).

import { cursor, onArticleKey, showCursor } from "./cursor.js";
import { renderArticle, renderLegend } from "./article.js";
import {
  changeAnnotation,
  closeEditor,
  keepEditorInView,
  markAtCursor,
  onSelect,
  openEditor,
  refreshEditor,
} from "./editor.js";
import { clearWarning, clock, say, warn } from "./messages.js";
import { choosePages, showDocument, showPages } from "./pages.js";
import { lastSaveMade, save, showAnswersWith, showUndo } from "./saving.js";
import { state } from "./studio.js";

const $ = (id) => document.getElementById(id);

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

showAnswersWith(showLesson);

function undo() {
  if (state.saving) {
    // A save still on its way is what Ctrl+Z means: undone once it lands, and only if it
    // was made. A refused one undoes nothing (the server's last save may be another tab's).
    closeEditor();
    lastSaveMade().then((made) => {
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
