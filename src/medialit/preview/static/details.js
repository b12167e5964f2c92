// medialit preview, lesson-parts panel: the lesson's details (title, audience, language,
// objectives) and the article's source, each field saved when the teacher leaves it.

import { say } from "./messages.js";
import { save } from "./saving.js";
import { button, el, field, focusMoved, itemActions } from "./partskit.js";

const SOURCE = [
  ["author", "Author", "As the byline gives it; unknown if you cannot find it."],
  ["outlet", "Outlet", "The publication that first published it."],
  ["published", "Published", "YYYY-MM-DD, or YYYY-MM or YYYY when that is all you know; unknown if you cannot find it."],
  ["title", "Headline, as published", "For the full citation under an excerpt."],
  ["url", "Address (URL) of the original", null],
  ["republished_by", "Republished by", "When the copy the class reads is a republication."],
  ["republished", "Republished on", "YYYY-MM-DD."],
  ["licence", "Licence", "The copyright line and the republishing terms the page states."],
  ["notes", "Notes on the source (answer key only)", "Who is behind it, with where to check each fact."],
];

const local = { newObjective: false, redraw: () => {} };

async function send(body, what) {
  if (await save("api/details", body)) say(`Saved ${what}.`);
}

function objectives(list) {
  const count = list.length;
  const items = list.map((text, i) =>
    el(
      "li",
      { className: "part-line" },
      field({
        id: `o-${i}`,
        label: `Objective ${i + 1}`,
        value: text,
        rows: 2,
        onChange: (value) => send({ objectives: list.map((old, j) => (j === i ? value : old)) }, `objective ${i + 1}`),
      }),
      itemActions("o", i, count, `objective ${i + 1}`, {
        onMove: async (from, to) => {
          const moved = [...list];
          moved.splice(to, 0, ...moved.splice(from, 1));
          if (!(await save("api/details", { objectives: moved }))) return;
          focusMoved("o", to);
          say(`Moved objective ${from + 1} ${to < from ? "up" : "down"}: it is objective ${to + 1} now.`);
        },
        onRemove: async (at) => {
          if (!(await save("api/details", { objectives: list.filter((_, j) => j !== at) }))) return;
          const left = count - 1;
          document.getElementById(left ? `o-${Math.min(at, left - 1)}` : "objective-add").focus();
          say(`Removed objective ${at + 1}. Ctrl+Z or Undo puts it back.`);
        },
      }),
    ),
  );
  if (local.newObjective) {
    items.push(
      el(
        "li",
        { className: "part-line part-new" },
        field({
          id: "o-new",
          label: `New objective ${count + 1} (saved once it is written)`,
          rows: 2,
          onChange: async (value) => {
            if (!value.trim()) return;
            if (!(await save("api/details", { objectives: [...list, value] }))) return;
            local.newObjective = false;
            local.redraw();
            document.getElementById("objective-add").focus();
            say(`Added objective ${count + 1}.`);
          },
        }),
      ),
    );
  }
  return [
    el("h4", { text: "What students learn (objectives, printed in the key)" }),
    items.length ? el("ol", { className: "part-list" }, ...items) : null,
    button("Add an objective", {
      id: "objective-add",
      onClick: () => {
        local.newObjective = true;
        local.redraw();
        document.getElementById("o-new").focus();
      },
    }),
  ];
}

export const detailsSection = {
  id: "details",
  title: "About the lesson",
  summary: () => "About the lesson: source, audience, objectives",
  render(parts, view, redraw) {
    local.redraw = redraw;
    const details = parts.details;
    const top = (key, label, hint) =>
      field({
        id: `d-${key}`,
        label,
        hint,
        value: details[key],
        onChange: (value) => send({ [key]: value }, `“${label}”`),
      });
    return [
      top("title", "Lesson title", "Printed on every sheet."),
      top("audience", "Who it is for", "For example: ages 14-18, history or media studies."),
      top("language", "Language of the article", "A language tag: en, fr, es, de, pt-BR…"),
      ...objectives(details.objectives),
      el("h4", { text: "Where the article comes from" }),
      ...SOURCE.map(([key, label, hint]) =>
        field({
          id: `d-source-${key}`,
          label,
          hint,
          value: details.source[key],
          rows: key === "licence" || key === "notes" ? 3 : undefined,
          onChange: (value) => send({ source: { [key]: value } }, `“${label}”`),
        }),
      ),
    ];
  },
};
