// medialit preview, lesson-parts panel: the small pieces every section is built from.
// Plain DOM with text nodes only: nothing from the lesson file is parsed as HTML.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2).toLowerCase(), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// A labelled text field (a textarea when `rows` is given); `saved` is the value in the file,
// so that a redraw keeps what the teacher is typing (see redraw).
export function field({ id, label, value = "", rows, hint, type, onChange, onInput, inputmode }) {
  const input = rows
    ? el("textarea", { id, rows })
    : el("input", { id, type: type || "text", inputmode, autocomplete: "off" });
  input.value = value;
  input.dataset.saved = value;
  if (hint) input.setAttribute("aria-describedby", `${id}-hint`);
  if (onChange) input.addEventListener("change", () => onChange(input.value, input));
  if (onInput) input.addEventListener("input", () => onInput(input.value, input));
  return el(
    "div",
    { className: "part-field" },
    el("label", { for: id, text: label }),
    hint ? el("p", { id: `${id}-hint`, className: "part-hint", text: hint }) : null,
    input,
  );
}

export function button(text, attributes = {}) {
  return el("button", { type: "button", className: "part-button", text, ...attributes });
}

// Move up, move down and remove, for item `index` of `count`, named for a screen reader.
export function itemActions(prefix, index, count, name, { onMove, onRemove }) {
  return el(
    "div",
    { className: "part-actions" },
    button("↑ Up", {
      id: `${prefix}-${index}-up`,
      "aria-label": `Move ${name} up`,
      disabled: index === 0,
      onClick: () => onMove(index, index - 1),
    }),
    button("↓ Down", {
      id: `${prefix}-${index}-down`,
      "aria-label": `Move ${name} down`,
      disabled: index === count - 1,
      onClick: () => onMove(index, index + 1),
    }),
    button("Remove", {
      id: `${prefix}-${index}-remove`,
      "aria-label": `Remove ${name}`,
      onClick: () => onRemove(index),
    }),
  );
}

// After a move, the focus follows the item: its Up button, or Down at the top.
export function focusMoved(prefix, to) {
  const up = document.getElementById(`${prefix}-${to}-up`);
  const target = up && !up.disabled ? up : document.getElementById(`${prefix}-${to}-down`);
  if (target) target.focus();
}

// Build `container`'s content anew, keeping the focus, the caret and any text being typed
// (a field whose value differs from the file's, when a save elsewhere redraws the panel).
export function redraw(container, build) {
  const active = document.activeElement;
  const keep =
    active && container.contains(active) && active.id
      ? {
          id: active.id,
          value: "value" in active ? active.value : null,
          dirty: "saved" in active.dataset && active.value !== active.dataset.saved,
          start: active.selectionStart,
          end: active.selectionEnd,
        }
      : null;
  container.replaceChildren(...build().filter((node) => node));
  if (!keep) return;
  const again = document.getElementById(keep.id);
  if (!again) return;
  if (keep.dirty) again.value = keep.value;
  again.focus();
  if (typeof keep.start === "number" && typeof again.setSelectionRange === "function") {
    try {
      again.setSelectionRange(keep.start, keep.end);
    } catch {
      // (a number field has no caret to put back)
    }
  }
}

// "3, 7" → [3, 7]; null if the text is not ¶ numbers.
export function paragraphNumbers(text) {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((part) => /^\d+$/.test(part))) return null;
  return parts.map(Number);
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

// Below this many pixels wide the column of parts opens only when asked: on a small laptop
// the article and the pages have the room (preview.css leaves out the tool's name there too).
export const NARROW = 1100;

export function showColumn(shown) {
  const toggle = document.getElementById("parts-toggle");
  toggle.setAttribute("aria-expanded", String(shown));
  toggle.title = `${shown ? "Hide" : "Show"} the column of questions, plan, glossary and details`;
  document.getElementById("parts").hidden = !shown;
  document.querySelector(".panes").classList.toggle("with-parts", shown);
  return shown;
}
