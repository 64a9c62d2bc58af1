/* "Which tool do I need?" (templates/_chooser.html): three choices filter
   the index below the form. The choices live in the page's address
   (?stage=…&size=…&for=…), so a filtered list can be shared or bookmarked;
   nothing is sent anywhere. Without scripts the form stays hidden and the
   page is the plain list. */

  var pt = window.partnershipToolkit;

  // The form's names, and the mark on each entry that each one filters by.
  var CHOICES = [["stage", "stages"], ["size", "sizes"], ["for", "audiences"]];

  function marks(entry, name) {
    return (entry.getAttribute("data-tk-" + name) || "").split(" ").filter(Boolean);
  }

  /* Whether an entry suits the choices. A stage must be one the entry serves;
     an entry with no sizes or audiences given suits every one. */
  function suits(entry, chosen) {
    return CHOICES.every(function (pair) {
      var want = chosen[pair[0]];
      if (!want) return true;
      var have = marks(entry, pair[1]);
      if (pair[0] !== "stage" && !have.length) return true;
      return have.indexOf(want) >= 0;
    });
  }

  // The choices this form offers: one no entry is marked for is left out of it.
  function offered(form) {
    return CHOICES.filter(function (pair) { return !!form.elements[pair[0]]; });
  }

  function readAddress(form) {
    var query = new URLSearchParams(location.search);
    offered(form).forEach(function (pair) {
      var select = form.elements[pair[0]];
      var value = query.get(pair[0]);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = value && known ? value : "";
    });
  }

  /* The choices into the address, in place (no new history entry). From the
     offline copy some browsers refuse to rewrite a file:// address: the
     filter still works, only the address does not keep it. */
  function writeAddress(chosen) {
    var query = new URLSearchParams(location.search);
    CHOICES.forEach(function (pair) {
      if (chosen[pair[0]]) query.set(pair[0], chosen[pair[0]]);
      else query.delete(pair[0]);
    });
    var text = query.toString();
    try {
      history.replaceState(history.state, "", location.pathname + (text ? "?" + text : "") + location.hash);
    } catch (err) { /* the list is filtered all the same */ }
  }

  function setUp(form) {
    var words = pt.words(form);
    var status = form.querySelector("[data-tk-chooser-status]");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".tk-choice"));

    function apply(write) {
      var chosen = {};
      offered(form).forEach(function (pair) { chosen[pair[0]] = form.elements[pair[0]].value; });
      var shown = 0;
      entries.forEach(function (entry) {
        var ok = suits(entry, chosen);
        entry.hidden = !ok;
        if (ok) shown += 1;
        // The page's table of contents lists only what is shown.
        var heading = entry.querySelector("h2[id]");
        if (!heading) return;
        // (by the address's fragment: the theme writes each link as a whole address)
        document.querySelectorAll(".md-nav--secondary a").forEach(function (a) {
          if (a.hash !== "#" + heading.id) return;
          var item = a.closest("li");
          // (the theme sets how a menu item is shown, so ``hidden`` alone would not hide it)
          if (item) item.style.display = ok ? "" : "none";
        });
      });
      var said = words.t("chooser_shown", { shown: shown, total: entries.length }, shown);
      status.textContent = shown ? said : said + " " + words.t("chooser_none");
      if (write) writeAddress(chosen);
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () {
      // The form's own reset runs after this event: filter once it has.
      setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    readAddress(form);
    form.hidden = false;
    apply(false);
  }

  var ready = typeof WeakSet === "function" ? new WeakSet() : { has: function () { return false; }, add: function () {} };

  pt.onEveryPage(function () {
    document.querySelectorAll("form[data-tk-chooser]").forEach(function (form) {
      if (ready.has(form)) return;
      ready.add(form);
      setUp(form);
    });
  });
