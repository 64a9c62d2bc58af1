  /* A health check, as one partner answers it: every rating and note is saved
     in this browser as it is given, under the statement's id, and the answers
     leave only as a file the partner exports (to send to the person who
     compares everyone's). Nothing is sent anywhere.

     Saved as tk:<site>:assessment:<id> =
       {"version": "...", "label": "...", "answers": {"<statement>": {"value": "4", "note": ""}}}
     and exported as that, with "format", "assessment", "title" and "saved". */

  var pt = window.partnershipToolkit;
  var FORMAT = "partnership-toolkit-assessment-answers";
  var MAX_BYTES = 2 * 1048576;

  function Answers(root) {
    var self = this;
    this.root = root;
    this.id = root.getAttribute("data-tk-assessment");
    this.version = root.getAttribute("data-tk-version");
    this.title = root.getAttribute("data-tk-title");
    this.key = pt.storageKey("assessment", this.id);
    this.words = pt.words(root);
    this.store = pt.openStore();
    this.article = root.closest("article") || document.body;
    this.statements = Array.prototype.slice.call(this.article.querySelectorAll("[data-tk-statement]"));
    this.label = root.querySelector("[data-tk-label]");
    this.status = root.querySelector("[data-tk-status]");
    this.progress = root.querySelector("[data-tk-progress]");
    this.file = root.querySelector("[data-tk-import-file]");
    this.error = root.querySelector("[data-tk-label-error]");
    this.whose = this.article.querySelectorAll("[data-tk-whose]");
    this.undo = pt.undo(root.querySelector("[data-tk-action=undo]"), function (record, wasFocused) {
      self.show(record);
      self.save();
      self.say(self.t("undone"));
      if (wasFocused) self.label.focus();
    });
    this.load();
    // Every change is saved at once (a note as it is typed), so closing the tab
    // a moment after typing loses nothing.
    this.article.addEventListener("change", function (event) {
      if (event.target.closest("[data-tk-statement]")) { self.undo.drop(); self.save(); }
    });
    this.article.addEventListener("input", function (event) {
      if (!event.target.matches("[data-tk-note], [data-tk-label]")) return;
      self.undo.drop();
      if (event.target === self.label) self.needsLabel(false);
      self.save();
    });
    root.querySelector("[data-tk-action=export]").addEventListener("click", function () { self.exportFile(); });
    root.querySelector("[data-tk-action=import]").addEventListener("click", function () { self.file.click(); });
    root.querySelector("[data-tk-action=print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-tk-action=clear]").addEventListener("click", function () { self.clear(); });
    this.file.addEventListener("change", function () {
      pt.readChosenFile(self.file, MAX_BYTES, function (text) { self.importText(text); },
        function (size) { self.say(self.t("assessment_import_too_big", { size: size })); },
        function () { self.say(self.t("assessment_import_not_json")); });
    });
    window.addEventListener("storage", function (event) {
      if (event.key === self.key) self.load();  // answered in another tab
    });
    root.querySelector(".tk-toolbar").hidden = false;
  }

  Answers.prototype.t = function (key, values, count) {
    return this.words.t(key, values, count);
  };

  Answers.prototype.say = function (text) {
    this.status.textContent = text;
  };

  // What the page shows now, as it is saved.
  Answers.prototype.collect = function () {
    var answers = {};
    this.statements.forEach(function (el) {
      var chosen = el.querySelector("input[type=radio]:checked");
      var note = el.querySelector("[data-tk-note]").value;
      if (chosen || note) {
        answers[el.getAttribute("data-tk-statement")] = { value: chosen ? chosen.value : "", note: note };
      }
    });
    return { version: this.version, label: this.label.value, answers: answers };
  };

  // Shows a record's answers; returns how many of them this page does not ask
  // (a statement it has not, or a value not on its scale), which are left out.
  Answers.prototype.show = function (record) {
    var answers = record && typeof record.answers === "object" && record.answers ? record.answers : {};
    var used = 0;
    this.label.value = record && typeof record.label === "string" ? record.label : "";
    this.statements.forEach(function (el) {
      var given = answers[el.getAttribute("data-tk-statement")];
      if (!given || typeof given !== "object") given = {};
      var value = given.value === undefined || given.value === null ? "" : String(given.value);
      var note = typeof given.note === "string" ? given.note : "";
      var matched = false;
      el.querySelectorAll("input[type=radio]").forEach(function (input) {
        input.checked = input.value === value;
        if (input.checked) matched = true;
      });
      el.querySelector("[data-tk-note]").value = note;
      if (matched || note) used += 1;
    });
    this.showWhose();
    this.count();
    return Object.keys(answers).length - used;
  };

  // The name on paper, where the printed page says whose answers these are.
  Answers.prototype.showWhose = function () {
    var name = this.label.value.trim();
    this.whose.forEach(function (el) { el.textContent = name; });
  };

  Answers.prototype.count = function () {
    var total = this.statements.length;
    var answered = this.statements.filter(function (el) {
      return el.querySelector("input[type=radio]:checked");
    }).length;
    this.progress.textContent = this.t("assessment_progress", { answered: answered, total: total }, total);
  };

  Answers.prototype.load = function () {
    var raw = this.store.read(this.key);
    if (!this.store.persistent) this.say(this.t("storage_unavailable"));
    if (!raw) { this.count(); return; }
    var record = null;
    try { record = JSON.parse(raw); } catch (err) { record = null; }
    if (!record || typeof record !== "object") {
      this.store.write(this.key + ":unreadable", raw); // kept, never overwritten by the next save
      this.say(this.t("storage_corrupt"));
      this.count();
      return;
    }
    this.show(record);
    if (record.version !== this.version) {
      // Answers to another version: what still fits is shown, and all of it is
      // kept aside, so nothing given to a statement since dropped is lost.
      this.store.write(this.key + ":version:" + String(record.version), raw);
      this.say(this.t("assessment_earlier_version"));
    }
  };

  Answers.prototype.save = function () {
    var saved = this.store.write(this.key, JSON.stringify(this.collect()));
    this.say(this.t(saved && this.store.persistent ? "assessment_saved" : "storage_unavailable"));
    this.showWhose();
    this.count();
  };

  // The name is needed to export: said beside the field, and tied to it.
  Answers.prototype.needsLabel = function (needed) {
    this.error.hidden = !needed;
    if (needed) this.label.setAttribute("aria-invalid", "true");
    else this.label.removeAttribute("aria-invalid");
  };

  Answers.prototype.exportFile = function () {
    var record = this.collect();
    if (!record.label.trim()) {
      this.needsLabel(true);
      this.say(this.t("assessment_label_needed"));
      this.label.focus();
      return;
    }
    this.needsLabel(false);
    var slug = pt.fileSlug(record.label);
    var name = this.id + (slug ? "-" + slug : "") + ".json";
    var file = {
      format: FORMAT, assessment: this.id, title: this.title, version: this.version,
      label: record.label, saved: new Date().toISOString(), answers: record.answers
    };
    pt.saveFile(name, JSON.stringify(file, null, 2) + "\n", "application/json");
    this.say(this.t("assessment_exported", { file: name }));
  };

  Answers.prototype.importText = function (text) {
    var file;
    try { file = JSON.parse(text); } catch (err) { file = null; }
    if (!file || file.format !== FORMAT || typeof file.answers !== "object") {
      this.say(this.t("assessment_import_not_json"));
      return;
    }
    if (file.assessment !== this.id) {
      this.say(this.t("assessment_import_wrong", { found: String(file.title || file.assessment), expected: this.title }));
      return;
    }
    if (file.version !== this.version) {
      var day = /^\d{4}-\d{2}-\d{2}/.test(String(file.saved || "")) ? pt.longDate(String(file.saved).slice(0, 10)) : "?";
      this.say(this.t("assessment_import_other", { saved: day }));
      return;
    }
    var before = this.collect();
    var leftOut = this.show(file);
    this.save();
    if (Object.keys(before.answers).length || before.label) this.undo.offer(before);
    var news = this.t("assessment_imported");
    if (leftOut) news += " " + this.t("assessment_left_out", { n: leftOut }, leftOut);
    this.say(news);
  };

  // Clearing asks first, and Undo gives everything back.
  Answers.prototype.clear = function () {
    if (!window.confirm(this.t("assessment_clear_confirm"))) return;
    var before = this.collect();
    this.store.remove(this.key);
    this.show(null);
    this.undo.offer(before);
    this.say(this.t("assessment_cleared"));
  };

  pt.onEveryPage(function () {
    document.querySelectorAll("[data-tk-assessment]").forEach(function (root) {
      if (root.tkAnswers) return;  // set up once, whatever runs this again
      root.tkAnswers = new Answers(root);
    });
  });
