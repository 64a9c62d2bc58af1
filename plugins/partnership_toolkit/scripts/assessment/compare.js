  /* Comparing a health check's answers: one person opens every partner's
     answer file (a multiple-file picker, or dropped on the page), and sees,
     for each statement, the spread of answers as a chart drawn here (SVG)
     with a table beside it, a flag where partners are two or more points
     apart, and a summary of each section. The group records an agreed score
     (or "we disagree") and a note, turns the flagged statements into an
     improvement plan, and saves the comparison to compare with next round.

     Every file is untrusted: its words are shown with textContent only, and
     a file of another check, or of another version, is refused by name.
     Kept in this browser as tk:<site>:compare:<id>, so a reload loses nothing. */

  var COMPARISON = "partnership-toolkit-assessment-comparison";
  var APART = 2; // answers this many points apart are flagged

  function Compare(root) {
    var self = this;
    this.root = root;
    this.id = root.getAttribute("data-tk-compare");
    this.version = root.getAttribute("data-tk-version");
    this.title = root.getAttribute("data-tk-title");
    this.words = pt.words(root);
    this.store = pt.openStore();
    this.key = pt.storageKey("compare", this.id);
    this.scale = JSON.parse(root.getAttribute("data-tk-scale"));
    this.sections = JSON.parse(root.getAttribute("data-tk-sections"));
    this.planUrl = root.getAttribute("data-tk-plan") || "";
    this.planKey = pt.storageKey("template", "improvement-plan");
    this.status = root.querySelector("[data-tk-status]");
    this.results = root.querySelector("[data-tk-results]");
    this.sort = root.querySelector("[data-tk-sort]");
    this.anonymous = root.querySelector("[data-tk-anonymous]");
    this.state = { responses: [], agreed: {}, previous: null };
    this.loadSaved();
    root.querySelector("[data-tk-compare-files]").addEventListener("change", function (event) {
      self.readFiles(event.target.files, "answers");
      event.target.value = "";
    });
    root.querySelector("[data-tk-previous-file]").addEventListener("change", function (event) {
      self.readFiles(event.target.files, "previous");
      event.target.value = "";
    });
    var drop = root.querySelector("[data-tk-drop]");
    drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("tk-drop--over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("tk-drop--over"); });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("tk-drop--over");
      self.readFiles(event.dataTransfer.files, "answers");
    });
    this.sort.addEventListener("change", function () { self.draw(); });
    this.anonymous.addEventListener("change", function () { self.draw(); self.save(); });
    root.querySelector("[data-tk-action=print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-tk-action=save]").addEventListener("click", function () { self.exportComparison(); });
    root.querySelector("[data-tk-action=plan]").addEventListener("click", function () { self.makePlan(); });
    root.querySelector("[data-tk-action=clear]").addEventListener("click", function () { self.clear(); });
    root.querySelector("[data-tk-action=previous]").addEventListener("click", function () {
      root.querySelector("[data-tk-previous-file]").click();
    });
    // Paper puts the disagreements first.
    window.addEventListener("beforeprint", function () {
      self.sortBefore = self.sort.value;
      if (self.sort.value === "order") { self.sort.value = "spread"; self.draw(); }
    });
    window.addEventListener("afterprint", function () {
      if (self.sortBefore && self.sortBefore !== self.sort.value) { self.sort.value = self.sortBefore; self.draw(); }
    });
    root.querySelectorAll(".tk-toolbar, [data-tk-drop]").forEach(function (el) { el.hidden = false; });
    this.draw();
  }

  Compare.prototype.t = function (key, values, count) { return this.words.t(key, values, count); };
  Compare.prototype.say = function (text) { this.status.textContent = text; };

  Compare.prototype.loadSaved = function () {
    var raw = this.store.read(this.key);
    if (!raw) return;
    try {
      var saved = JSON.parse(raw);
      if (saved && saved.version === this.version && Array.isArray(saved.responses)) {
        this.state.responses = saved.responses;
        this.state.agreed = saved.agreed || {};
        this.state.previous = saved.previous || null;
        this.anonymous.checked = !!saved.anonymous;
      }
    } catch (err) {
      this.say(this.t("storage_corrupt"));
    }
  };

  Compare.prototype.save = function () {
    this.store.write(this.key, JSON.stringify({
      version: this.version, responses: this.state.responses, agreed: this.state.agreed,
      previous: this.state.previous, anonymous: this.anonymous.checked
    }));
  };

  // -- files --------------------------------------------------------------------------------

  Compare.prototype.readFiles = function (list, what) {
    var self = this;
    var files = Array.prototype.slice.call(list || []);
    var messages = [];
    var added = 0;
    Promise.all(files.map(function (file) {
      if (file.size > 2 * 1048576) {
        messages.push(self.t("compare_file_too_big", { file: file.name }));
        return null;
      }
      return file.text().then(function (text) {
        var problem = what === "previous" ? self.takePrevious(text) : self.take(text);
        if (problem) messages.push(file.name + ": " + problem);
        else added += 1;
      }, function () { messages.push(file.name + ": " + self.t("assessment_import_not_json")); });
    })).then(function () {
      self.save();
      self.draw();
      if (what === "answers" && added) messages.unshift(self.t("compare_added", { n: added }, added));
      if (what === "previous" && added) messages.unshift(self.t("compare_previous_loaded"));
      self.say(messages.join(" "));
    });
  };

  // One partner's answers, checked; "" when taken, else why not.
  Compare.prototype.take = function (text) {
    var file;
    try { file = JSON.parse(text); } catch (err) { return this.t("assessment_import_not_json"); }
    if (!file || file.format !== "partnership-toolkit-assessment-answers" || typeof file.answers !== "object" || !file.answers) {
      return this.t("assessment_import_not_json");
    }
    if (file.assessment !== this.id) {
      return this.t("assessment_import_wrong", { found: String(file.title || file.assessment), expected: this.title });
    }
    if (file.version !== this.version) {
      return this.t("assessment_import_other", { found: String(file.version), expected: this.version });
    }
    var label = typeof file.label === "string" && file.label.trim() ? file.label.trim() : this.t("compare_unnamed");
    var same = this.state.responses.findIndex(function (r) { return r.label === label; });
    var response = { label: label, saved: String(file.saved || ""), answers: {} };
    Object.keys(file.answers).forEach(function (sid) {
      var given = file.answers[sid];
      if (given && typeof given === "object") {
        response.answers[sid] = { value: String(given.value || ""), note: typeof given.note === "string" ? given.note : "" };
      }
    });
    if (same >= 0) this.state.responses[same] = response; // a newer file from the same partner
    else this.state.responses.push(response);
    return "";
  };

  Compare.prototype.takePrevious = function (text) {
    var file;
    try { file = JSON.parse(text); } catch (err) { return this.t("compare_not_comparison"); }
    if (!file || file.format !== COMPARISON || !Array.isArray(file.responses)) return this.t("compare_not_comparison");
    if (file.assessment !== this.id) {
      return this.t("assessment_import_wrong", { found: String(file.title || file.assessment), expected: this.title });
    }
    this.state.previous = { saved: String(file.saved || ""), means: means(file.responses, this.numeric()) };
    return "";
  };

  // -- figures ------------------------------------------------------------------------------

  Compare.prototype.numeric = function () {
    var values = {};
    this.scale.forEach(function (p) { values[String(p.value)] = p.value; });
    return values;
  };

  function means(responses, numeric) {
    var sums = {};
    responses.forEach(function (r) {
      Object.keys(r.answers || {}).forEach(function (sid) {
        var v = numeric[String(r.answers[sid].value)];
        if (v === undefined) return;
        sums[sid] = sums[sid] || { total: 0, n: 0 };
        sums[sid].total += v;
        sums[sid].n += 1;
      });
    });
    var out = {};
    Object.keys(sums).forEach(function (sid) { out[sid] = sums[sid].total / sums[sid].n; });
    return out;
  }

  Compare.prototype.figures = function (sid) {
    var numeric = this.numeric();
    var scores = [];
    this.state.responses.forEach(function (r) {
      var given = r.answers[sid];
      var v = given ? numeric[given.value] : undefined;
      if (v !== undefined) scores.push(v);
    });
    var spread = scores.length ? Math.max.apply(null, scores) - Math.min.apply(null, scores) : 0;
    var mean = scores.length ? scores.reduce(function (a, b) { return a + b; }, 0) / scores.length : null;
    var agreed = this.state.agreed[sid] || {};
    return { scores: scores, spread: spread, mean: mean, flagged: spread >= APART || agreed.score === "disagree" };
  };

  Compare.prototype.name = function (i) {
    return this.anonymous.checked ? this.t("compare_partner", { n: i + 1 }) : this.state.responses[i].label;
  };
