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
    this.load();
    this.article.addEventListener("change", function (event) {
      if (event.target.closest("[data-tk-statement]")) self.save();
    });
    this.article.addEventListener("input", function (event) {
      if (event.target.matches("[data-tk-note], [data-tk-label]")) self.saveSoon();
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

  Answers.prototype.show = function (record) {
    var answers = (record && record.answers) || {};
    this.label.value = record && typeof record.label === "string" ? record.label : "";
    this.statements.forEach(function (el) {
      var given = answers[el.getAttribute("data-tk-statement")] || {};
      el.querySelectorAll("input[type=radio]").forEach(function (input) {
        input.checked = input.value === String(given.value);
      });
      el.querySelector("[data-tk-note]").value = typeof given.note === "string" ? given.note : "";
    });
    this.count();
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
    try {
      this.show(JSON.parse(raw));
    } catch (err) {
      this.say(this.t("storage_corrupt"));
    }
  };

  Answers.prototype.saveSoon = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.save(); }, 300);
  };

  Answers.prototype.save = function () {
    clearTimeout(this.timer);
    var saved = this.store.write(this.key, JSON.stringify(this.collect()));
    this.say(this.t(saved && this.store.persistent ? "assessment_saved" : "storage_unavailable"));
    this.count();
  };

  Answers.prototype.exportFile = function () {
    var record = this.collect();
    if (!record.label.trim()) {
      this.say(this.t("assessment_label_needed"));
      this.label.focus();
      return;
    }
    var slug = record.label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
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
      this.say(this.t("assessment_import_other", { found: String(file.version), expected: this.version }));
      return;
    }
    this.show(file);
    this.store.write(this.key, JSON.stringify(this.collect()));
    this.say(this.t("assessment_imported"));
  };

  Answers.prototype.clear = function () {
    if (!window.confirm(this.t("assessment_clear_confirm"))) return;
    this.store.remove(this.key);
    this.show(null);
    this.say(this.t("assessment_cleared"));
  };

  pt.onEveryPage(function () {
    document.querySelectorAll("[data-tk-assessment]").forEach(function (root) {
      if (root.tkAnswers) return;  // set up once, whatever runs this again
      root.tkAnswers = new Answers(root);
    });
  });
