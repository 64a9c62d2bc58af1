/* Checklists: ticks saved in this browser, progress, export and import of
   ticks as a file, and printing with or without ticks (the checklist.js
   bundle: this file, then page.js; see scripts/README.md).

   Saved data: one JSON record per checklist in localStorage, under
   "tk:<site path>:checklist:<checklist id>", holding the ids of ticked items:
     {"version": 1, "ticked": ["item-id", ...], "updated": "<ISO date>",
      "changed": {"item-id": [1 ticked or 0 not, time in ms], ...}}
   ("changed" is how two tabs ticking at once merge: see mergeTicks.)
   The site path (where this toolkit is published on its host) keeps two
   toolkits on one host apart. Ids of items a later version removed stay in
   the record, so nothing saved is ever dropped behind the reader's back; new
   items start unticked. Nothing is ever sent anywhere.

   Words come from the page (data-tk-words, from strings/en.yml).
   Set up again on every page Material's instant navigation shows. */

  // Instant navigation runs this script again on each page that links it:
  // set up once, then follow every page through document$.
  if (window.__tkChecklistScript) return;
  window.__tkChecklistScript = true;

  var FORMAT = "partnership-toolkit/checklist-ticks";
  var VERSION = 1;

  var pt = window.partnershipToolkit;  // the toolkit.js bundle (scripts/toolkit/)
  var fill = pt.fill;

  function storageKey(checklistId) {
    return pt.storageKey("checklist", checklistId);
  }

  function isIdList(value) {
    return Array.isArray(value) && value.every(function (v) { return typeof v === "string"; });
  }

  // A file of ticks is a few kilobytes; anything much bigger is another file.
  var MAX_IMPORT_BYTES = 1048576;

  var store = null;  // opened on first use, shared by every checklist on the page

  // What a saved record holds: {ticked, changed}; none saved: nothing ticked;
  // null if it cannot be read.
  function readRecord(raw) {
    if (raw === null || raw === undefined) return { ticked: [], changed: {} };
    var record = null;
    try { record = JSON.parse(raw); } catch (err) { return null; }
    if (!record || typeof record !== "object" || !isIdList(record.ticked)) return null;
    var changed = {};
    if (record.changed && typeof record.changed === "object") {
      Object.keys(record.changed).forEach(function (id) {
        var c = record.changed[id];
        if (Array.isArray(c) && c.length === 2 && typeof c[1] === "number") changed[id] = [c[0] ? 1 : 0, c[1]];
      });
    }
    return { ticked: record.ticked.slice(), changed: changed };
  }

  /* Two tabs' ticks merged item by item: each item as the tab that changed it
     last left it. An item one tab never changed (no time: an older record, or
     a tick it never saw) takes the other's state, so a tick is never lost
     just because the other tab had not seen it yet. */
  function mergeTicks(mine, theirs) {
    var on = function (list) {
      var set = Object.create(null);
      list.forEach(function (id) { set[id] = true; });
      return set;
    };
    var mineOn = on(mine.ticked), theirsOn = on(theirs.ticked);
    var ids = union(union(mine.ticked, theirs.ticked),
                    union(Object.keys(mine.changed), Object.keys(theirs.changed)));
    var out = { ticked: [], changed: {} };
    ids.forEach(function (id) {
      var m = mine.changed[id] || [mineOn[id] ? 1 : 0, 0];
      var t = theirs.changed[id] || [theirsOn[id] ? 1 : 0, 0];
      var last = t[1] > m[1] ? t : (m[1] > t[1] ? m : [m[0] || t[0], m[1]]);
      if (last[1] > 0) out.changed[id] = last;
      if (last[0]) out.ticked.push(id);
    });
    return out;
  }

  // Lists of ids as sets, keeping the order of the first.
  function minus(list, other) {
    var drop = Object.create(null);
    other.forEach(function (id) { drop[id] = true; });
    return list.filter(function (id) { return !drop[id]; });
  }

  function union(list, other) {
    return list.concat(minus(other, list));
  }

  // -- one checklist -----------------------------------------------------------------

  function Checklist(root) {
    this.root = root;
    this.id = root.getAttribute("data-tk-checklist");
    this.title = root.getAttribute("data-tk-title") || this.id;
    this.key = storageKey(this.id);
    this.boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-tk-item]"));
    this.status = root.querySelector("[data-tk-status]");
    this.words = pt.words(root);
    this.ticked = [];  // every saved id, including ids this version no longer has
    this.changed = {};
    var self = this;
    // After Clear or an import, Undo puts the ticks back, until the next tick.
    this.undo = pt.undo(root.querySelector("[data-tk-action=undo]"), function (state, focused) {
      // The ticks as they were, except those changed since (in another tab).
      var added = minus(self.ticked, state.after);
      var removed = minus(state.after, self.ticked);
      self.set(minus(union(state.before, added), removed));
      self.save();
      self.show();
      self.say(self.t("undone"));
      // The button is gone: keep the keyboard where it was, on the toolbar.
      var clear = self.root.querySelector("[data-tk-action=clear]");
      if (focused && clear) clear.focus();
    });
  }

  Checklist.prototype.t = function (key, values, count) {
    return this.words.t(key, values, count);
  };

  /* While ticks cannot be saved, every message keeps saying so. */
  Checklist.prototype.say = function (message) {
    var warning = this.t("storage_unavailable");
    if (!store.persistent && message !== warning) message += " " + warning;
    if (this.status) this.status.textContent = message;
  };

  /* Reads the saved record; bad data never throws: the page starts empty,
     says so, and keeps a copy of what it could not read. */
  Checklist.prototype.load = function () {
    var raw = store.read(this.key);
    var record = readRecord(raw);
    this.lastRaw = raw;  // exactly what this tab last saw saved: see save
    this.ticked = record ? record.ticked : [];
    this.changed = record ? record.changed : {};  // id: [ticked (1) or not (0), when]
    if (record === null) store.write(this.key + ":unreadable", raw);
    return record !== null;
  };

  /* The ticks become ``ticks``; each item whose state changes is stamped with
     the time, for merging with another tab (see mergeTicks). */
  Checklist.prototype.set = function (ticks) {
    var now = Date.now();
    var was = union([], this.ticked);
    minus(ticks, was).forEach(function (id) { this.changed[id] = [1, now]; }, this);
    minus(was, ticks).forEach(function (id) { this.changed[id] = [0, now]; }, this);
    this.ticked = ticks.slice();
  };

  /* Saves the ticks. If another tab saved since this one last looked (its
     storage event may not have arrived yet), its ticks are merged in first,
     so two tabs ticking at once both keep theirs. */
  Checklist.prototype.save = function () {
    var stored = store.read(this.key);
    if (store.persistent && stored !== this.lastRaw) {
      var before = this.ticked.join("\n");
      this.mergeFrom(stored);
      if (this.ticked.join("\n") !== before) this.show(); // the other tab's ticks, on screen
    }
    if (!this.ticked.length) {  // nothing ticked: nothing kept on this device
      this.lastRaw = null;
      return store.remove(this.key);
    }
    var text = JSON.stringify({ version: VERSION, ticked: this.ticked, changed: this.changed,
                                updated: new Date().toISOString() });
    this.lastRaw = text;
    pt.lookAgainSoon(this);
    return store.write(this.key, text);
  };

  /* Brings in what another tab saved: on its storage event, and again a
     moment after each save here (see pt.lookAgainSoon). */
  Checklist.prototype.catchUp = function () {
    if (!document.contains(this.root) || !store.persistent) return;
    // What is saved now: news of several saves can arrive late, out of order.
    var now = store.read(this.key);
    if (now === this.lastRaw) return;
    var before = this.ticked.slice().sort().join("\n");
    var theirs = this.mergeFrom(now);
    if (minus(this.ticked, theirs).length || minus(theirs, this.ticked).length) this.save();
    this.show();
    if (this.ticked.slice().sort().join("\n") !== before) this.say(this.t("storage_other_tab"));
  };

  /* Another tab's saved ticks merged into this tab's; returns the other's. */
  Checklist.prototype.mergeFrom = function (raw) {
    var theirs = readRecord(raw);
    if (theirs === null) return this.ticked.slice(); // not a record of ticks: keep ours
    if (raw === null) {
      // Cleared in the other tab, just now: every tick made before goes.
      var now = Date.now();
      this.ticked.forEach(function (id) { theirs.changed[id] = [0, now]; });
    }
    var merged = mergeTicks({ ticked: this.ticked, changed: this.changed }, theirs);
    this.ticked = merged.ticked;
    this.changed = merged.changed;
    this.lastRaw = raw;
    return theirs.ticked;
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
        ? this.t("checklist_earlier_ticks", { items: earlier.join(", ") }) : "";
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
      out.textContent = self.t("checklist_progress", { done: count(boxes), total: boxes.length });
      section.classList.toggle("tk-checklist__section--done", boxes.length > 0 && count(boxes) === boxes.length);
    });
    var overall = this.root.querySelector('[data-tk-progress="all"]');
    if (overall) {
      overall.textContent = this.t("checklist_progress_overall", { done: count(this.boxes), total: this.boxes.length });
    }
  };

  Checklist.prototype.offerUndo = function (before, message) {
    this.undo.offer({ before: before, after: this.ticked.slice() });
    this.say(message + " " + this.t("undo_offered"));
  };

  Checklist.prototype.toggle = function (box) {
    this.undo.drop();
    var id = box.getAttribute("data-tk-item");
    var others = this.ticked.filter(function (x) { return x !== id; });
    this.set(box.checked ? others.concat([id]) : others);
    this.progress();
    if (!this.save()) this.say(this.t("storage_unavailable"));
  };

  Checklist.prototype.clear = function () {
    if (!window.confirm(this.t("checklist_clear_confirm"))) return;
    var before = this.ticked.slice();
    this.set([]);
    this.save();
    this.show();
    if (before.length) this.offerUndo(before, this.t("checklist_cleared"));
    else this.say(this.t("checklist_cleared"));
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
    pt.saveFile(name, JSON.stringify(data, null, 2) + "\n", "application/json");
    this.say(this.t("checklist_exported", { file: name }));
  };

  /* Checks a file's text and, if it holds ticks for this checklist, makes them
     the saved ticks. Every problem is told to the reader in plain words. */
  Checklist.prototype.importText = function (text) {
    var failed = this.t("checklist_import_failed");
    var data;
    try { data = JSON.parse(text); } catch (err) {
      this.say(fill(failed, { reason: this.t("checklist_import_not_json") }));
      return;
    }
    if (data && typeof data === "object" && typeof data.template === "string" &&
        data.answers && typeof data.answers === "object") {
      this.say(this.t("checklist_import_is_draft",
        { found: typeof data.title === "string" && data.title ? data.title : data.template }));
      return;
    }
    if (!data || typeof data !== "object" || typeof data.checklist !== "string" || !isIdList(data.ticked)) {
      this.say(fill(failed, { reason: this.t("checklist_import_not_ticks") }));
      return;
    }
    if (data.checklist !== this.id) {
      var found = typeof data.title === "string" && data.title ? data.title : data.checklist;
      this.say(this.t("checklist_import_wrong", { found: found }));
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
        !window.confirm(this.t("checklist_import_replace_confirm"))) {
      return; // the reader's own ticks stay as they are
    }
    var before = this.ticked.slice();
    this.set(ticked);
    var saved = this.save();
    this.show();
    var shown = this.boxes.filter(function (b) { return b.checked; }).length;
    var message = this.t("checklist_imported", { count: shown }, shown) +
      (saved || !store.persistent ? "" : " " + this.t("storage_unavailable"));
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
      this.set(this.ticked.concat(added));
      this.save();
    }
    this.show();
    if (!store.persistent) this.say(this.t("storage_unavailable"));
    else if (!readable) this.say(this.t("storage_corrupt"));

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
    if (file) {
      file.addEventListener("change", function () {
        pt.readChosenFile(file, MAX_IMPORT_BYTES, function (text) { self.importText(text); },
          function (size) {
            self.say(self.t("checklist_import_failed",
              { reason: self.t("checklist_import_too_big", { size: size }) }));
          },
          function () {
            self.say(self.t("checklist_import_failed", { reason: self.t("checklist_import_not_json") }));
          });
      });
    }

    // Ticks made in another tab or window of this site show up here too.
    function fromOtherTab(event) {
      if (event.key === self.key) self.catchUp();
    }
    window.addEventListener("storage", fromOtherTab);
    cleanup.push(function () { window.removeEventListener("storage", fromOtherTab); });
  };

