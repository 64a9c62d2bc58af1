  /* Comparing a health check's answers: one person opens every partner's
     answer file (a multiple-file picker, or dropped on the page), or types in
     answers given on paper, and sees, for each statement, the spread of
     answers as a chart drawn here (SVG) with a table beside it, a flag by the
     rule the page states, and a summary of each section. The group records
     an agreed score (or "we disagree") and a note, turns the flagged
     statements into an improvement plan, and saves the comparison to compare
     with next round.

     Every file is untrusted: its words are shown with textContent only, an
     answer that is not one of the scale's is left out and counted, and a file
     of another check or version is refused by name. Kept in this browser as
     tk:<site>:compare:<id>, so a reload loses nothing; what Clear or Remove
     takes away can be undone. */

  var COMPARISON = "partnership-toolkit-assessment-comparison";
  var ANSWERS = "partnership-toolkit-assessment-answers";
  var APART = 2; // answers this many points apart are flagged
  // Characters of a partner's name shown: all that the name field of the
  // health check takes (its maxlength); only a file edited by hand has more.
  var LONGEST_NAME = 200;

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
    this.statementIds = {};
    this.sections.forEach(function (section) {
      section.statements.forEach(function (st) { self.statementIds[st.id] = true; });
    });
    this.planUrl = root.getAttribute("data-tk-plan") || "";
    this.planKey = pt.storageKey("template", "improvement-plan");
    this.status = root.querySelector("[data-tk-status]");
    this.results = root.querySelector("[data-tk-results]");
    this.sort = root.querySelector("[data-tk-sort]");
    this.anonymous = root.querySelector("[data-tk-anonymous]");
    this.state = { responses: [], agreed: {}, previous: null };
    this.undo = pt.undo(root.querySelector("[data-tk-action=undo]"), function (state, wasFocused) {
      self.state = state;
      self.save();
      self.draw();
      self.say([self.t("compare_restored")]);
      if (wasFocused) root.querySelector("[data-tk-compare-files]").focus();
    });
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
    this.sort.addEventListener("change", function () { self.draw(); self.save(); });
    this.anonymous.addEventListener("change", function () { self.draw(); self.save(); });
    root.querySelector("[data-tk-action=print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-tk-action=save]").addEventListener("click", function () { self.exportComparison(); });
    root.querySelector("[data-tk-action=plan]").addEventListener("click", function () { self.makePlan(); });
    root.querySelector("[data-tk-action=clear]").addEventListener("click", function () { self.clear(); });
    root.querySelector("[data-tk-action=previous]").addEventListener("click", function () {
      root.querySelector("[data-tk-previous-file]").click();
    });
    // Removing one partner's answers, from the list of what is open.
    root.querySelector("[data-tk-files]").addEventListener("click", function (event) {
      var button = event.target.closest("[data-tk-remove]");
      if (button) self.remove(Number(button.getAttribute("data-tk-remove")));
    });
    this.paper = new PaperAnswers(this);
    // Paper puts the disagreements first.
    window.addEventListener("beforeprint", function () {
      self.sortBefore = self.sort.value;
      if (self.sort.value === "order") { self.sort.value = "spread"; self.draw(); }
      self.drawAll();
    });
    window.addEventListener("afterprint", function () {
      if (self.sortBefore && self.sortBefore !== self.sort.value) { self.sort.value = self.sortBefore; self.draw(); }
    });
    root.querySelectorAll(".tk-toolbar, [data-tk-drop]").forEach(function (el) { el.hidden = false; });
    this.draw();
  }

  Compare.prototype.t = function (key, values, count) { return this.words.t(key, values, count); };

  // One message a line, so that several files' news never run together.
  Compare.prototype.say = function (messages) {
    var status = this.status;
    while (status.firstChild) status.firstChild.remove();
    messages.forEach(function (text) {
      var line = document.createElement("span");
      line.className = "tk-status__line";
      line.textContent = text;
      status.appendChild(line);
    });
  };

  Compare.prototype.loadSaved = function () {
    var raw = this.store.read(this.key);
    if (!raw) return;
    var saved = null;
    try { saved = JSON.parse(raw); } catch (err) { saved = null; }
    if (!saved || typeof saved !== "object" || !Array.isArray(saved.responses)) {
      this.say([this.t("storage_corrupt")]);
      return;
    }
    if (saved.version !== this.version) {
      // Kept aside, never overwritten: the answers were to other statements.
      this.store.write(this.key + ":earlier", raw);
      this.say([this.t("compare_saved_other_version")]);
      return;
    }
    this.state.responses = saved.responses;
    this.state.agreed = saved.agreed && typeof saved.agreed === "object" ? saved.agreed : {};
    this.state.previous = saved.previous || null;
    this.anonymous.checked = !!saved.anonymous;
    if (["order", "spread", "lowest"].indexOf(saved.sort) >= 0) this.sort.value = saved.sort;
  };

  Compare.prototype.save = function () {
    var ok = this.store.write(this.key, JSON.stringify({
      version: this.version, responses: this.state.responses, agreed: this.state.agreed,
      previous: this.state.previous, anonymous: this.anonymous.checked, sort: this.sort.value
    }));
    if (!ok || !this.store.persistent) this.say([this.t("storage_unavailable")]);
  };

  // What the state is now, to give back by Undo.
  Compare.prototype.snapshot = function () {
    return JSON.parse(JSON.stringify(this.state));
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
        var news = what === "previous" ? self.takePrevious(text) : self.take(text, file.name);
        if (news.taken) added += 1;
        news.messages.forEach(function (m) { messages.push(file.name + ": " + m); });
      }, function () { messages.push(file.name + ": " + self.t("assessment_import_not_json")); });
    })).then(function () {
      if (added) { self.undo.drop(); self.save(); }
      self.draw();
      if (what === "answers" && added) messages.unshift(self.t("compare_added", { n: added }, added));
      self.say(messages);
    });
  };

  Compare.prototype.allowed = function () {
    var values = { "dont-know": true, "not-applicable": true };
    this.scale.forEach(function (p) { values[String(p.value)] = true; });
    return values;
  };

  // One partner's answers, checked: {taken, messages}.
  Compare.prototype.take = function (text) {
    var file;
    try { file = JSON.parse(text); } catch (err) { file = null; }
    if (file && file.format === COMPARISON) return refused(this.t("compare_is_comparison"));
    if (!file || file.format !== ANSWERS || typeof file.answers !== "object" || !file.answers) {
      return refused(this.t("assessment_import_not_json"));
    }
    if (file.assessment !== this.id) {
      return refused(this.t("assessment_import_wrong", { found: String(file.title || file.assessment), expected: this.title }));
    }
    if (file.version !== this.version) {
      return refused(this.t("assessment_import_other", { saved: savedOn(file.saved) }));
    }
    var label = typeof file.label === "string" ? file.label.trim() : "";
    return this.add({ label: label, saved: String(file.saved || ""), answers: file.answers });
  };

  // A response, from a file or typed from paper, cleaned and added.
  Compare.prototype.add = function (given) {
    var allowed = this.allowed(), ids = this.statementIds;
    var response = { label: given.label, saved: given.saved, answers: {} };
    if (given.paper) response.paper = true;
    var leftOut = 0;
    Object.keys(given.answers).forEach(function (sid) {
      var a = given.answers[sid];
      if (a === null || a === undefined) return;
      if (!ids[sid] || typeof a !== "object") { leftOut += 1; return; }
      var value = a.value !== undefined && a.value !== null ? String(a.value) : "";
      var note = typeof a.note === "string" ? a.note : "";
      if (value && !allowed[value]) { leftOut += 1; return; }
      if (value || note) response.answers[sid] = { value: value, note: note };
    });
    var json = JSON.stringify(response);
    var same = this.state.responses.some(function (r) { return JSON.stringify(r) === json; });
    if (same) return refused(this.t("compare_already_open"));
    var messages = [];
    if (leftOut) messages.push(this.t("compare_left_out", { n: leftOut }, leftOut));
    var namesake = this.state.responses.some(function (r) { return r.label === response.label; });
    this.state.responses.push(response);
    if (namesake || !response.label) {
      var names = this.names(false);
      messages.push(this.t(response.label ? "compare_same_name" : "compare_unnamed_again",
        { name: names[names.length - 1] }));
    }
    return { taken: true, messages: messages };
  };

  function refused(text) { return { taken: false, messages: [text] }; }

  function savedOn(when) {
    var day = /^\d{4}-\d{2}-\d{2}/.test(String(when || "")) ? String(when).slice(0, 10) : "";
    return day ? pt.longDate(day) : "?";
  }

  // -- figures ------------------------------------------------------------------------------

  Compare.prototype.numeric = function () {
    var values = {};
    this.scale.forEach(function (p) { values[String(p.value)] = p.value; });
    return values;
  };

  function means(responses, numeric) {
    var sums = {};
    responses.forEach(function (r) {
      var answers = r && typeof r.answers === "object" && r.answers ? r.answers : {};
      Object.keys(answers).forEach(function (sid) {
        var v = answers[sid] ? numeric[String(answers[sid].value)] : undefined;
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

  // A statement's scores, spread and average, and why it is flagged (if it is).
  Compare.prototype.figures = function (sid) {
    var numeric = this.numeric();
    var scores = [], unsure = 0;
    this.state.responses.forEach(function (r) {
      var given = r.answers[sid];
      var v = given ? numeric[given.value] : undefined;
      if (v !== undefined) scores.push(v);
      if (given && given.value === "dont-know") unsure += 1;
    });
    var spread = scores.length ? Math.max.apply(null, scores) - Math.min.apply(null, scores) : 0;
    var mean = scores.length ? scores.reduce(function (a, b) { return a + b; }, 0) / scores.length : null;
    var agreed = this.state.agreed[sid] || {};
    var reasons = [];
    if (agreed.score === "disagree") reasons.push(this.t("compare_reason_disagree"));
    if (spread >= APART) reasons.push(this.t("compare_reason_apart", { n: spread }, spread));
    if (unsure) reasons.push(this.t("compare_reason_unsure", { n: unsure }, unsure));
    return {
      scores: scores, spread: spread, mean: mean, unsure: unsure, reasons: reasons,
      flagged: reasons.length > 0, disagree: agreed.score === "disagree"
    };
  };

  // Each partner's name as shown: the one they gave (shortened when very long),
  // numbered when two files give the same one.
  Compare.prototype.names = function (anonymous) {
    var self = this, seen = {}, unnamed = 0;
    return this.state.responses.map(function (r, i) {
      if (anonymous) return self.t("compare_partner", { n: i + 1 });
      if (!r.label) { unnamed += 1; return self.t("compare_unnamed", { n: unnamed }); }
      var name = r.label.length > LONGEST_NAME ? r.label.slice(0, LONGEST_NAME - 1) + "…" : r.label;
      seen[r.label] = (seen[r.label] || 0) + 1;
      return seen[r.label] > 1 ? name + " (" + seen[r.label] + ")" : name;
    });
  };

  // -- actions ------------------------------------------------------------------------------

  Compare.prototype.flagged = function () {
    var self = this, out = [];
    this.sections.forEach(function (section) {
      section.statements.forEach(function (st) { if (self.figures(st.id).flagged) out.push(st); });
    });
    return out;
  };

  Compare.prototype.remove = function (i) {
    var names = this.names(this.anonymous.checked);
    var before = this.snapshot();
    this.state.responses.splice(i, 1);
    this.save();
    this.draw();
    this.undo.offer(before);
    this.say([this.t("compare_removed", { name: names[i] })]);
    this.root.querySelector("[data-tk-compare-files]").focus();
  };

  Compare.prototype.clear = function () {
    if (!window.confirm(this.t("compare_clear_confirm"))) return;
    var before = this.snapshot();
    this.state = { responses: [], agreed: {}, previous: null };
    this.store.remove(this.key);
    this.draw();
    this.undo.offer(before);
    this.say([this.t("compare_cleared")]);
  };
