// Keyboard shortcuts for the operator console: a small enhancement, every page works without it.
//   /  search box (or the search page)      L  switch the interface language
//   A  the citizen on the phone             R  regional differences (service page)
//   C  the date calculator (service page)   P  print
// Keys are ignored while typing in a field or with Ctrl, Alt or Meta held, so they never take
// a letter from a form or a browser shortcut.
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function follow(key) {
    var link = document.querySelector('a[data-key="' + key + '"]');
    if (link) {
      window.location.href = link.href;
      return true;
    }
    return false;
  }

  function openAllDetails() {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    var done = false;
    if (key === "/") {
      var box = document.querySelector("[data-search-box]");
      if (box) {
        box.focus();
        box.select();
        done = true;
      } else {
        done = follow("/");
      }
    } else if (key === "l" || key === "a" || key === "r" || key === "c") {
      done = follow(key);
    } else if (key === "p") {
      window.print();
      done = true;
    }
    if (done) event.preventDefault();
  });

  // Printing shows every collapsed part (sources, steps, amendments).
  window.addEventListener("beforeprint", openAllDetails);

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
