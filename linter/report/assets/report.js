// The HTML report's behaviour: filters for the findings panel, highlighting a finding's
// text, next/previous finding from the keyboard. The page reads fully without it.
"use strict";
(function () {
  const form = document.getElementById("filters");
  const items = Array.from(document.querySelectorAll(".finding-list li"));
  const shown = document.getElementById("shown");
  let current = -1;

  function chosen(name) {
    const boxes = form.querySelectorAll('input[name="' + name + '"]');
    return new Set(Array.from(boxes).filter((box) => box.checked).map((box) => box.value));
  }

  function applyFilters() {
    const severities = chosen("severity");
    const sides = chosen("side");
    const category = form.elements.category.value;
    const rule = form.elements.rule.value;
    const wording = form.elements.wording.checked;
    let count = 0;
    for (const item of items) {
      const d = item.dataset;
      const visible = severities.has(d.severity) && sides.has(d.side)
        && (category === "" || d.category === category) && (rule === "" || d.rule === rule)
        && (wording || d.wording !== "1");
      item.hidden = !visible;
      if (visible) count += 1;
    }
    const folded = document.getElementById("wording-list");
    if (folded) folded.open = wording;  // absent when nothing is worded differently, or KZ121 is off
    shown.textContent = count + " of " + items.length + " findings shown";
  }

  function highlight(key) {
    for (const old of document.querySelectorAll(".hl")) old.classList.remove("hl");
    for (const part of document.querySelectorAll('[data-f~="' + key + '"]')) part.classList.add("hl");
  }

  function go(index) {
    const link = items[index].querySelector("a");
    for (const item of items) item.classList.remove("current");
    items[index].classList.add("current");
    current = index;
    const key = link.getAttribute("href").slice(1);
    highlight(key);
    if (location.hash !== "#" + key) location.hash = key; // so that :target marks it, as without the script
    items[index].scrollIntoView({ block: "nearest" }); // keep the current finding in sight in the panel
    const target = document.getElementById(key);
    if (target) target.scrollIntoView({ block: "center" });
    link.focus({ preventScroll: true });
  }

  function step(direction) {
    const visible = items.map((item, index) => (item.hidden ? -1 : index)).filter((index) => index >= 0);
    if (visible.length === 0) return;
    const after = direction > 0 ? visible.find((i) => i > current) : visible.reverse().find((i) => i < current);
    go(after === undefined ? visible[0] : after);
  }

  form.hidden = false;
  document.querySelector(".nav").hidden = false;
  form.addEventListener("change", applyFilters);
  document.getElementById("next").addEventListener("click", () => step(1));
  document.getElementById("previous").addEventListener("click", () => step(-1));
  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#f"]');
    if (!link) return;
    const item = link.closest(".finding-list li");
    if (item) {
      event.preventDefault();
      go(items.indexOf(item));
    } else {
      highlight(link.getAttribute("href").slice(1));
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("select, input, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j" || event.key === "n") step(1);
    else if (event.key === "k" || event.key === "p") step(-1);
  });
  applyFilters();
  if (location.hash.startsWith("#f")) highlight(location.hash.slice(1));
})();
