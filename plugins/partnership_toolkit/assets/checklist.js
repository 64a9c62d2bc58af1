/* Checklists: ticks saved in this browser, progress, export and import of
   ticks as a file, and printing with or without ticks.

   Saved data: one JSON record per checklist in localStorage, under
   "tk:<site path>:checklist:<checklist id>", holding the ids of ticked items:
     {"version": 1, "ticked": ["item-id", ...], "updated": "<ISO date>"}
   The site path (where this toolkit is published on its host) keeps two
   toolkits on one host apart. Ids of items a later version removed stay in
   the record, so nothing saved is ever dropped behind the reader's back; new
   items start unticked. Nothing is ever sent anywhere.

   Words come from the page (data-tk-text-* attributes, from strings/en.yml).
   Set up again on every page Material's instant navigation shows. */
(function () {
  "use strict";

  // Instant navigation runs this script again on each page that links it:
  // set up once, then follow every page through document$.
  if (window.__tkChecklistScript) return;
  window.__tkChecklistScript = true;

  var FORMAT = "partnership-toolkit/checklist-ticks";
  var VERSION = 1;

  var shared = window.partnershipToolkit;  // assets/toolkit/toolkit.js
  var fill = shared.fill;

  function storageKey(checklistId) {
    return shared.storageKey("checklist", checklistId);
  }

  function isIdList(value) {
    return Array.isArray(value) && value.every(function (v) { return typeof v === "string"; });
  }

  // A file of ticks is a few kilobytes; anything much bigger is another file.
  var MAX_IMPORT_BYTES = 1048576;

  // -- storage that falls back to memory --------------------------------------------

  /* localStorage may be missing, refuse access (private browsing, blocked
     cookies) or be full. Then the page keeps the ticks in memory and says so. */
  function openStore() {
    var memory = {};
    var store = {
      persistent: false,
      read: function (key) {
        return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
      },
      write: function (key, value) { memory[key] = value; return true; },
      remove: function (key) { delete memory[key]; return true; }
    };
    var ls;
    try {
      // Reading is the test: a full storage still gives back what it holds (a
      // test write would fail there, and hide every saved tick).
      ls = window.localStorage;
      ls.getItem("tk:probe");
    } catch (err) {
      return store;
    }
    store.persistent = true;
    store.read = function (key) {
      try { return ls.getItem(key); } catch (err) { return memory[key] || null; }
    };
    store.write = function (key, value) {
      memory[key] = value;
      try { ls.setItem(key, value); return true; } catch (err) { return false; }
    };
    store.remove = function (key) {
      delete memory[key];
      try { ls.removeItem(key); return true; } catch (err) { return false; }
    };
    return store;
  }

  var store = null;  // opened on first use, shared by every checklist on the page

  // -- one checklist -----------------------------------------------------------------

  function Checklist(root) {
    this.root = root;
    this.id = root.getAttribute("data-tk-checklist");
    this.title = root.getAttribute("data-tk-title") || this.id;
    this.key = storageKey(this.id);
    this.boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-tk-item]"));
    this.status = root.querySelector("[data-tk-status]");
    this.undoButton = root.querySelector("[data-tk-action=undo]");
    this.undoTicks = null;  // the ticks before a Clear or an import, while Undo is offered
    this.ticked = [];  // every saved id, including ids this version no longer has
  }

  Checklist.prototype.text = function (name) {
    return this.root.getAttribute("data-tk-text-" + name) || "";
  };

  /* While ticks cannot be saved, every message keeps saying so. */
  Checklist.prototype.say = function (message) {
    var warning = this.text("storage-unavailable");
    if (!store.persistent && message !== warning) message += " " + warning;
    if (this.status) this.status.textContent = message;
  };

  /* Reads the saved record; bad data never throws: the page starts empty,
     says so, and keeps a copy of what it could not read. */
  Checklist.prototype.load = function () {
    var raw = store.read(this.key);
    this.ticked = [];
    if (raw === null) return true;
    var record = null;
    try { record = JSON.parse(raw); } catch (err) { record = null; }
    if (record && typeof record === "object" && isIdList(record.ticked)) {
      this.ticked = record.ticked.slice();
      return true;
    }
    store.write(this.key + ":unreadable", raw);
    return false;
  };

  Checklist.prototype.save = function () {
    if (!this.ticked.length) return store.remove(this.key);
    return store.write(this.key, JSON.stringify({
      version: VERSION, ticked: this.ticked, updated: new Date().toISOString()
    }));
  };

  Checklist.prototype.show = function () {
    var ticked = Object.create(null);
    this.ticked.forEach(function (id) { ticked[id] = true; });
    var known = Object.create(null);
    this.boxes.forEach(function (box) {
      var id = box.getAttribute("data-tk-item");
      known[id] = true;
      box.checked = !!ticked[id];
    });
    // Ticks for items this version no longer has are kept: say so, never hide them.
    var earlier = this.ticked.filter(function (id) { return !known[id]; });
    var note = this.root.querySelector("[data-tk-earlier-ticks]");
    if (note) {
      note.textContent = earlier.length
        ? fill(this.text("earlier-ticks"), { items: earlier.join(", ") }) : "";
      note.hidden = !earlier.length;
    }
    this.progress();
  };

  Checklist.prototype.progress = function () {
    var self = this;
    function count(boxes) {
      return boxes.filter(function (b) { return b.checked; }).length;
    }
    this.root.querySelectorAll("[data-tk-section]").forEach(function (section) {
      var out = section.querySelector("[data-tk-progress]");
      if (!out) return;
      var boxes = self.boxes.filter(function (b) { return section.contains(b); });
      out.textContent = fill(self.text("progress"), { done: count(boxes), total: boxes.length });
      section.classList.toggle("tk-checklist__section--done", boxes.length > 0 && count(boxes) === boxes.length);
    });
    var overall = this.root.querySelector('[data-tk-progress="all"]');
    if (overall) {
      overall.textContent = fill(this.text("progress-overall"), { done: count(this.boxes), total: this.boxes.length });
    }
  };

  /* After Clear or an import, Undo puts the ticks back, until the next tick. */
  Checklist.prototype.offerUndo = function (before, message) {
    this.undoTicks = before;
    this.say(message + " " + this.text("undo-offered"));
    if (this.undoButton) this.undoButton.hidden = false;
  };

  Checklist.prototype.hideUndo = function () {
    this.undoTicks = null;
    if (this.undoButton) this.undoButton.hidden = true;
  };

  Checklist.prototype.undo = function () {
    if (!this.undoTicks) return;
    var focused = document.activeElement === this.undoButton;
    this.ticked = this.undoTicks;
    this.hideUndo();
    this.save();
    this.show();
    this.say(this.text("undone"));
    if (focused) {
      // The button is gone: keep the keyboard where it was, on the toolbar.
      var clear = this.root.querySelector("[data-tk-action=clear]");
      if (clear) clear.focus();
    }
  };

  Checklist.prototype.toggle = function (box) {
    this.hideUndo();
    var id = box.getAttribute("data-tk-item");
    var at = this.ticked.indexOf(id);
    if (box.checked && at < 0) this.ticked.push(id);
    if (!box.checked && at >= 0) this.ticked.splice(at, 1);
    this.progress();
    if (!this.save()) this.say(this.text("storage-unavailable"));
  };

  Checklist.prototype.clear = function () {
    if (!window.confirm(this.text("clear-confirm"))) return;
    var before = this.ticked.slice();
    this.ticked = [];
    this.save();
    this.show();
    if (before.length) this.offerUndo(before, this.text("cleared"));
    else this.say(this.text("cleared"));
  };

  Checklist.prototype.exportTicks = function () {
    var now = new Date();
    var data = {
      format: FORMAT,
      version: VERSION,
      checklist: this.id,
      title: this.title,
      exported: now.toISOString(),
      ticked: this.ticked.slice()
    };
    var name = this.id + "-ticks-" + now.toISOString().slice(0, 10) + ".json";
    shared.saveFile(name, JSON.stringify(data, null, 2) + "\n", "application/json");
    this.say(fill(this.text("exported"), { file: name }));
  };

  /* Checks a file's text and, if it holds ticks for this checklist, makes them
     the saved ticks. Every problem is told to the reader in plain words. */
  Checklist.prototype.importText = function (text) {
    var failed = this.text("import-failed");
    var data;
    try { data = JSON.parse(text); } catch (err) {
      this.say(fill(failed, { reason: this.text("import-not-json") }));
      return;
    }
    if (!data || typeof data !== "object" || typeof data.checklist !== "string" || !isIdList(data.ticked)) {
      this.say(fill(failed, { reason: this.text("import-not-ticks") }));
      return;
    }
    if (data.checklist !== this.id) {
      var found = typeof data.title === "string" && data.title ? data.title : data.checklist;
      this.say(fill(this.text("import-wrong"), { found: found }));
      return;
    }
    // Each id once, in one pass: a big file must not freeze the page.
    var seen = Object.create(null);
    var ticked = data.ticked.filter(function (id) {
      if (seen[id]) return false;
      seen[id] = true;
      return true;
    });
    var mine = this.ticked.slice().sort().join("\n");
    if (this.ticked.length && mine !== ticked.slice().sort().join("\n") &&
        !window.confirm(this.text("import-replace-confirm"))) {
      return; // the reader's own ticks stay as they are
    }
    var before = this.ticked.slice();
    this.ticked = ticked;
    var saved = this.save();
    this.show();
    var shown = this.boxes.filter(function (b) { return b.checked; }).length;
    var message = fill(this.text("imported"), { count: shown }) +
      (saved || !store.persistent ? "" : " " + this.text("storage-unavailable"));
    if (before.length) this.offerUndo(before, message);
    else this.say(message);
  };

  Checklist.prototype.setUp = function (cleanup) {
    var self = this;
    // Boxes ticked before this script ran (a slow connection) are kept.
    var early = this.boxes.filter(function (b) { return b.checked; })
      .map(function (b) { return b.getAttribute("data-tk-item"); });
    var readable = this.load();
    var added = early.filter(function (id) { return self.ticked.indexOf(id) < 0; });
    if (added.length) {
      this.ticked = this.ticked.concat(added);
      this.save();
    }
    this.show();
    if (!store.persistent) this.say(this.text("storage-unavailable"));
    else if (!readable) this.say(this.text("storage-corrupt"));

    this.root.addEventListener("change", function (event) {
      var box = event.target;
      if (box && box.matches && box.matches("input[type=checkbox][data-tk-item]")) self.toggle(box);
    });

    var toolbar = this.root.querySelector(".tk-toolbar");
    var file = this.root.querySelector("[data-tk-import-file]");
    if (toolbar) {
      toolbar.addEventListener("click", function (event) {
        var button = event.target.closest("[data-tk-action]");
        if (!button) return;
        var action = button.getAttribute("data-tk-action");
        if (action === "print") printPage(false);
        else if (action === "print-blank") printPage(true);
        else if (action === "export") self.exportTicks();
        else if (action === "import" && file) file.click();
        else if (action === "clear") self.clear();
      });
      toolbar.hidden = false;
    }
    if (this.undoButton) this.undoButton.addEventListener("click", function () { self.undo(); });
    if (file) {
      file.addEventListener("change", function () {
        var chosen = file.files && file.files[0];
        file.value = "";
        if (!chosen) return;
        if (chosen.size > MAX_IMPORT_BYTES) {
          self.say(fill(self.text("import-failed"), { reason: fill(self.text("import-too-big"),
            { size: (chosen.size / 1048576).toFixed(1) }) }));
          return;
        }
        chosen.text().then(function (text) { self.importText(text); },
                           function () { self.say(fill(self.text("import-failed"), { reason: self.text("import-not-json") })); });
      });
    }

    // Ticks made in another tab or window of this site show up here too.
    function fromOtherTab(event) {
      if (event.key !== self.key) return;
      var before = self.ticked.slice().sort().join("\n");
      self.load();
      self.show();
      if (self.ticked.slice().sort().join("\n") !== before) {
        self.hideUndo();
        self.say(self.text("other-tab"));
      }
    }
    window.addEventListener("storage", fromOtherTab);
    cleanup.push(function () { window.removeEventListener("storage", fromOtherTab); });
  };

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
    if (fresh.length && !store) store = openStore();
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
  window.partnershipToolkit.onEveryPage(setUpPage);
})();
