  /* What a comparison leads to (see compare.js, which holds the answers): the
     comparison saved as a file, last round's saved comparison opened to show
     what changed, and the flagged statements turned into rows of the
     improvement plan. A saved comparison is untrusted like any file: an
     agreed score that is not on the scale is dropped, a note is kept as
     text, and a comparison of another check, or on another scale, is
     refused. */

  Compare.prototype.takePrevious = function (text) {
    var file;
    try { file = JSON.parse(text); } catch (err) { file = null; }
    if (file && file.format === ANSWERS) return refused(this.t("compare_is_answers"));
    if (!file || file.format !== COMPARISON || !Array.isArray(file.responses)) return refused(this.t("compare_not_comparison"));
    if (file.assessment !== this.id) {
      return refused(this.t("assessment_import_wrong", { found: String(file.title || file.assessment), expected: this.title }));
    }
    var scale = this.scale.map(function (p) { return p.value; }).join(",");
    var messages = [];
    if (file.version !== this.version) {
      // Statements keep their ids from version to version; a scale that changed
      // makes the averages incomparable.
      if (!Array.isArray(file.scale) || file.scale.join(",") !== scale) {
        return refused(this.t("compare_previous_other_scale", { saved: savedOn(file.saved) }));
      }
      messages.push(this.t("compare_previous_other_version"));
    }
    var agreed = {};
    var given = file.agreed && typeof file.agreed === "object" ? file.agreed : {};
    var allowed = this.allowed();
    Object.keys(given).forEach(function (sid) {
      var a = given[sid];
      if (!a || typeof a !== "object") return;
      var score = String(a.score || "");
      agreed[sid] = {
        score: allowed[score] || score === "disagree" ? score : "",
        note: typeof a.note === "string" ? a.note : ""
      };
    });
    this.undo.drop();
    this.state.previous = { saved: String(file.saved || ""), means: means(file.responses, this.numeric()), agreed: agreed };
    this.save();
    messages.unshift(this.t("compare_previous_loaded", { saved: savedOn(file.saved) }));
    return { taken: true, messages: messages };
  };

  Compare.prototype.exportComparison = function () {
    var file = {
      format: COMPARISON, assessment: this.id, title: this.title, version: this.version,
      scale: this.scale.map(function (p) { return p.value; }),
      saved: new Date().toISOString(), responses: this.state.responses, agreed: this.state.agreed
    };
    var name = this.id + "-comparison-" + file.saved.slice(0, 10) + ".json";
    pt.saveFile(name, JSON.stringify(file, null, 2) + "\n", "application/json");
    this.say([this.t("compare_saved", { file: name })]);
  };

  Compare.prototype.agreedText = function (agreed) {
    if (!agreed || !agreed.score) return "";
    if (agreed.score === "disagree") return this.t("compare_disagree");
    var point = this.scale.filter(function (p) { return String(p.value) === agreed.score; })[0];
    return point ? point.value + " " + point.label : agreed.score;
  };

  // The flagged statements as priorities and actions of the improvement plan,
  // added to any draft of it this browser holds (nothing there is replaced, and
  // a statement already in it is not added again), then opened.
  Compare.prototype.makePlan = function () {
    var self = this;
    var flagged = this.flagged();
    if (!flagged.length) { this.say([this.t("compare_nothing_flagged")]); return; }
    var record = null;
    try { record = JSON.parse(this.store.read(this.planKey) || "null"); } catch (err) { record = null; }
    if (!record || typeof record !== "object" || typeof record.answers !== "object" || !record.answers) {
      record = { answers: {} };
    }
    var filled = function (name) {
      var rows = Array.isArray(record.answers[name]) ? record.answers[name] : [];
      return rows.filter(function (row) {
        return row && typeof row === "object" && Object.keys(row).some(function (k) { return String(row[k] || "").trim(); });
      });
    };
    var actions = filled("action-list"), priorities = filled("priority-list");
    var added = 0, already = 0;
    flagged.forEach(function (st) {
      var base = self.t("compare_plan_action", { statement: st.text });
      var there = actions.some(function (row) { return String(row.action || "").indexOf(base) === 0; });
      if (there) { already += 1; return; }
      var agreed = self.state.agreed[st.id] || {};
      var action = base;
      var score = self.agreedText(agreed);
      if (agreed.score === "disagree") action += " (" + score + ")";
      else if (score) action += " (" + self.t("compare_plan_agreed", { score: score }) + ")";
      if (agreed.note) action += " " + agreed.note;
      actions.push({ action: action, owner: "", due: "" });
      priorities.push({ priority: st.text, why: self.figures(st.id).reasons.join(" ") });
      added += 1;
    });
    record.answers["action-list"] = actions;
    record.answers["priority-list"] = priorities;
    if (!this.store.write(this.planKey, JSON.stringify(record))) { this.say([this.t("storage_unavailable")]); return; }
    var news = added ? this.t("compare_plan_made", { n: added }, added) : "";
    if (already) news = (news ? news + " " : "") + this.t("compare_plan_already", { n: already }, already);
    this.say([news]);
    if (this.planUrl) {
      try { window.sessionStorage.setItem("tk:news", news); } catch (err) { /* the plan opens all the same */ }
      window.location.href = this.planUrl;
    }
  };
