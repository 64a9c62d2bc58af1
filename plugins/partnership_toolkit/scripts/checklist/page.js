  // -- printing ----------------------------------------------------------------------

  /* "Print blank" only changes how the boxes are drawn on paper (checklist.css
     hides the ticks under html.tk-print-blank); the boxes and saved ticks stay
     as they are, and the class goes when printing ends. */
  function printPage(blank) {
    var html = document.documentElement;
    if (blank) {
      html.classList.add("tk-print-blank");
      window.addEventListener("afterprint", function done() {
        window.removeEventListener("afterprint", done);
        html.classList.remove("tk-print-blank");
      });
    }
    window.print();
  }

  // -- the page ----------------------------------------------------------------------

  var ready = typeof WeakSet === "function" ? new WeakSet() : { has: function () { return false; }, add: function () {} };
  var cleanup = [];  // listeners on window, for the checklists of the page shown before

  function setUpPage() {
    var all = Array.prototype.slice.call(document.querySelectorAll("[data-tk-checklist]"));
    var fresh = all.filter(function (root) { return !ready.has(root); });
    if (all.length && !fresh.length) return;  // the same page again: already set up
    // Instant navigation put a new page in: forget the old one's listeners.
    while (cleanup.length) cleanup.pop()();
    document.documentElement.classList.remove("tk-print-blank");
    if (fresh.length && !store) store = pt.openStore();
    fresh.forEach(function (root) {
      ready.add(root);
      try {
        new Checklist(root).setUp(cleanup);
      } catch (err) {
        // One broken checklist must not stop the others, or the page.
        if (window.console) console.warn("checklist " + root.getAttribute("data-tk-checklist") + ":", err);
      }
    });
    // The print pack's own toolbar (outside any one checklist).
    document.querySelectorAll(".tk-toolbar[data-tk-pack]").forEach(function (toolbar) {
      if (ready.has(toolbar)) return;
      ready.add(toolbar);
      toolbar.addEventListener("click", function (event) {
        var button = event.target.closest("[data-tk-action]");
        if (!button) return;
        var action = button.getAttribute("data-tk-action");
        if (action === "print" || action === "print-blank") printPage(action === "print-blank");
      });
      toolbar.hidden = false;
    });
  }

  // As served, and from the offline folder (file://), where document$ never emits.
  pt.onEveryPage(setUpPage);
