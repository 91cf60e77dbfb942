// The review queue from the keyboard: j/k move between bills, a/x/r press the focused
// bill's "Confirm all", "Reject all" and "Mark reviewed" buttons. Keys typed into a form
// field are left alone.
(function () {
  "use strict";
  const entries = () => Array.from(document.querySelectorAll("article.review-entry"));

  function focusEntry(entry, scroll) {
    if (!entry) return;
    entries().forEach((e) => e.classList.toggle("current", e === entry));
    entry.focus({ preventScroll: true });
    if (scroll) entry.scrollIntoView({ block: "nearest" });
    if (scroll && history.replaceState) history.replaceState(null, "", "#" + entry.id);
  }

  function current() {
    const all = entries();
    return all.find((e) => e.classList.contains("current")) || all[0];
  }

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest && target.closest("input, select, textarea")) return;
    const all = entries();
    const here = current();
    if (!here) return;
    const index = all.indexOf(here);
    if (event.key === "j") {
      focusEntry(all[Math.min(index + 1, all.length - 1)], true);
    } else if (event.key === "k") {
      focusEntry(all[Math.max(index - 1, 0)], true);
    } else if (["a", "x", "r"].includes(event.key)) {
      const button = here.querySelector('button[data-key="' + event.key + '"]');
      if (button) button.click();
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", () => {
    const wanted = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    const found = wanted && wanted.classList.contains("review-entry");
    focusEntry(found ? wanted : entries()[0], found);
  });
})();
