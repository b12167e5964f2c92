// medialit preview: the messages. The status line says what a change did; the alert above the
// panes says what was refused, with the problems listed. Every studio module speaks through these.

const $ = (id) => document.getElementById(id);

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

export function clearWarning() {
  $("alert").hidden = true;
}

export function clock() {
  return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
