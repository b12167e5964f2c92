// medialit preview: what the statements modules (statements.js, statementwords.js,
// statementfields.js) share: their state, where a statement stands, and the queue their saves
// go through one after the other.

export const state = {
  lesson: null,
  open: null, // the annotation open in the editor
  focused: null, // the index of the highlight with the focus
  pointed: null, // the index of the highlight last pointed at
  pending: null, // {index, block, start, end}: new words drawn, not saved yet
  sent: null, // the same, being saved
  drag: null, // {index, end: "start" | "end"}
  timer: null,
  names: null, // the lesson's technique names, as last offered
};
let queue = Promise.resolve(); // these modules' saves, one after the other

// ---- where statements stand -----------------------------------------------------------------

export function placeOf(index) {
  for (const [block, { marks }] of state.lesson.blocks.entries()) {
    const mark = marks.find((m) => m.index === index);
    if (mark) return { index, block, start: mark.start, end: mark.end, number: mark.number };
  }
  return null;
}

export function annotationOf(index) {
  return state.lesson && state.lesson.annotations.find((a) => a.index === index);
}

// Run `step` after the statements modules' earlier saves, so that it quotes the words they saved.
export function later(step) {
  const done = queue.then(step);
  queue = done.catch(() => undefined);
  return done;
}
