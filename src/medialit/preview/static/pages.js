// medialit preview: the pages pane. The pages of the sheet shown (the student sheet or the
// answer key), of the level and version chosen, as images the server lays out and updates.

import { element } from "./studio.js";

const $ = (id) => document.getElementById(id);

const pane = {
  documentShown: "student",
  pages: null, // the pane's state, as api/pages and the "pages" events give it
};

export function showPages(pages) {
  pane.pages = pages;
  document.dispatchEvent(new CustomEvent("medialit:pages", { detail: pages }));
  if (pages.level) {
    // Another tab may have chosen: show what the images are.
    $("level").value = pages.level;
    $("version").value = pages.version || "";
  }
  const shown = pages.documents.find((d) => d.name === pane.documentShown);
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

export function showDocument(name) {
  pane.documentShown = name;
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.setAttribute("aria-selected", String(tab.dataset.document === name));
  }
  $("pages").setAttribute("aria-labelledby", `tab-${name}`);
  $("pages").replaceChildren();
  if (pane.pages) showPages(pane.pages);
}

export async function choosePages() {
  const body = { level: $("level").value, version: $("version").value || null };
  await fetch("api/pages", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
