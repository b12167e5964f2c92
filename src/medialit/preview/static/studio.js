// medialit preview: what the article pane's modules (preview.js, article.js, editor.js, saving.js)
// share: the state of the page, and the small DOM pieces they draw with.
// Plain DOM with text nodes only: nothing from the lesson file is parsed as HTML.

export const state = {
  lesson: null, // the article pane's data, as /api/lesson gives it
  version: null, // the file version this page shows; every change quotes it
  editing: null, // {mode: "new", selection} or {mode: "edit", annotation}
  opener: null, // where focus returns when the editor closes: a highlight's index, or the article
  review: null, // after a kind change: what was written for the old kind, to review
  saving: 0,
  sequence: null, // the server's number for the view shown: an older one is not shown
  heard: false, // a "lesson" event has come: the event stream carries every view set since
};

export function kindOf(name) {
  return state.lesson.kinds.find((kind) => kind.name === name);
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
