  /* The comparison drawn (see compare.js, which reads the answer files): a
     summary of each section, then each statement's spread as dots on the
     scale (SVG, described for screen readers) with the answers in a table,
     what the group agrees, and the actions on what is flagged. */

  // -- drawing ------------------------------------------------------------------------------

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // The spread as dots on the scale's line: one dot per answer, stacked when equal.
  Compare.prototype.chart = function (sid, figures) {
    var lo = this.scale[0].value, hi = this.scale[this.scale.length - 1].value;
    var width = 320, x = function (v) { return 20 + (v - lo) * (width - 40) / Math.max(1, hi - lo); };
    var counts = {};
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " 60", class: "tk-compare__chart", role: "img", focusable: "false" });
    var described = this.t("compare_chart_label", {
      answers: figures.scores.join(", ") || this.t("compare_none"), spread: figures.spread
    });
    svg.setAttribute("aria-label", described);
    svg.appendChild(svgEl("line", { x1: 20, y1: 40, x2: width - 20, y2: 40, class: "tk-compare__axis" }));
    this.scale.forEach(function (p) {
      svg.appendChild(svgEl("line", { x1: x(p.value), y1: 36, x2: x(p.value), y2: 44, class: "tk-compare__tick" }));
      var label = svgEl("text", { x: x(p.value), y: 58, "text-anchor": "middle", class: "tk-compare__tick-label" });
      label.textContent = String(p.value);
      svg.appendChild(label);
    });
    figures.scores.forEach(function (v) {
      counts[v] = (counts[v] || 0) + 1;
      svg.appendChild(svgEl("circle", { cx: x(v), cy: 40 - 9 * counts[v], r: 4.5, class: "tk-compare__dot" }));
    });
    return svg;
  };

  Compare.prototype.order = function (statements) {
    var self = this;
    var how = this.sort.value;
    var list = statements.slice();
    if (how === "spread") {
      list.sort(function (a, b) { return self.figures(b.id).spread - self.figures(a.id).spread; });
    } else if (how === "lowest") {
      list.sort(function (a, b) {
        var ma = self.figures(a.id).mean, mb = self.figures(b.id).mean;
        return (ma === null ? 99 : ma) - (mb === null ? 99 : mb);
      });
    }
    return list;
  };

  Compare.prototype.draw = function () {
    var self = this;
    var out = this.results;
    while (out.firstChild) out.firstChild.remove();
    var n = this.state.responses.length;
    this.root.querySelector("[data-tk-count]").textContent = this.t("compare_count", { n: n }, n);
    this.root.querySelectorAll("[data-tk-needs-answers]").forEach(function (b) { b.disabled = n === 0; });
    if (!n) return;
    out.appendChild(this.summary());
    var all = [];
    this.sections.forEach(function (section) {
      section.statements.forEach(function (st) { all.push(Object.assign({ section: section.title }, st)); });
    });
    var byOrder = this.sort.value === "order";
    var current = null;
    this.order(all).forEach(function (st) {
      if (byOrder && st.section !== current) {
        current = st.section;
        out.appendChild(el("h2", { class: "tk-compare__section" }, current));
      }
      out.appendChild(self.statement(st));
    });
  };

  Compare.prototype.summary = function () {
    var self = this;
    var wrap = el("div", { class: "tk-compare__summary" });
    wrap.appendChild(el("h2", {}, this.t("compare_summary")));
    var table = el("table");
    var head = el("tr");
    [this.t("compare_section"), this.t("compare_mean"), this.t("compare_flagged")].forEach(function (h) {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    this.sections.forEach(function (section) {
      var scores = [], flagged = 0;
      section.statements.forEach(function (st) {
        var f = self.figures(st.id);
        if (f.mean !== null) scores.push(f.mean);
        if (f.flagged) flagged += 1;
      });
      var row = el("tr");
      row.appendChild(el("th", { scope: "row" }, section.title));
      row.appendChild(el("td", {}, scores.length ? (scores.reduce(function (a, b) { return a + b; }, 0) / scores.length).toFixed(1) : "–"));
      row.appendChild(el("td", {}, String(flagged)));
      body.appendChild(row);
    });
    wrap.appendChild(table);
    return wrap;
  };

  Compare.prototype.statement = function (st) {
    var self = this;
    var f = this.figures(st.id);
    var box = el("section", { class: "tk-compare__statement" + (f.flagged ? " tk-compare__statement--flagged" : ""), "data-tk-statement": st.id });
    box.appendChild(el("h3", {}, st.number + ". " + st.text));
    if (f.flagged) {
      box.appendChild(el("p", { class: "tk-compare__flag" },
        f.spread >= APART ? this.t("compare_apart", { n: f.spread }, f.spread) : this.t("compare_disagree")));
    }
    var previous = this.state.previous ? this.state.previous.means[st.id] : undefined;
    if (typeof previous === "number" && f.mean !== null) {
      box.appendChild(el("p", { class: "tk-compare__change" },
        this.t("compare_change", { before: previous.toFixed(1), now: f.mean.toFixed(1) })));
    }
    box.appendChild(this.chart(st.id, f));
    var labels = {};
    this.scale.forEach(function (p) { labels[String(p.value)] = p.value + " " + p.label; });
    labels["dont-know"] = this.t("assessment_dont_know");
    labels["not-applicable"] = this.t("assessment_not_applicable");
    var table = el("table"); // unclassed, so the theme styles it as any table
    var head = el("tr");
    [this.t("compare_who"), this.t("compare_answer"), this.t("compare_note")].forEach(function (h) {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    this.state.responses.forEach(function (r, i) {
      var given = r.answers[st.id] || {};
      var row = el("tr");
      row.appendChild(el("th", { scope: "row" }, self.name(i)));
      row.appendChild(el("td", {}, labels[given.value] || self.t("compare_none")));
      row.appendChild(el("td", {}, given.note || ""));
      body.appendChild(row);
    });
    box.appendChild(table);
    box.appendChild(this.agreement(st));
    return box;
  };

  // What the group agrees: a score, or that it disagrees, and a note.
  Compare.prototype.agreement = function (st) {
    var self = this;
    var agreed = this.state.agreed[st.id] || { score: "", note: "" };
    var wrap = el("div", { class: "tk-compare__agree" });
    var sid = "tk-agree-" + st.id;
    wrap.appendChild(el("label", { for: sid }, this.t("compare_agreed")));
    var select = el("select", { id: sid });
    select.appendChild(el("option", { value: "" }, this.t("compare_not_yet")));
    this.scale.forEach(function (p) { select.appendChild(el("option", { value: String(p.value) }, p.value + " " + p.label)); });
    select.appendChild(el("option", { value: "disagree" }, this.t("compare_disagree")));
    select.value = agreed.score || "";
    var note = el("textarea", { id: sid + "-note", rows: "2" });
    note.value = agreed.note || "";
    var keep = function () {
      self.state.agreed[st.id] = { score: select.value, note: note.value };
      self.save();
    };
    select.addEventListener("change", function () { keep(); self.draw(); self.focusAgain(sid); });
    note.addEventListener("input", keep);
    wrap.appendChild(select);
    wrap.appendChild(el("label", { for: sid + "-note" }, this.t("compare_agreed_note")));
    wrap.appendChild(note);
    return wrap;
  };

  Compare.prototype.focusAgain = function (id) {
    var again = document.getElementById(id);
    if (again) again.focus();
  };

  // -- actions ------------------------------------------------------------------------------

  Compare.prototype.flagged = function () {
    var self = this, out = [];
    this.sections.forEach(function (section) {
      section.statements.forEach(function (st) { if (self.figures(st.id).flagged) out.push(st); });
    });
    return out;
  };

  Compare.prototype.exportComparison = function () {
    var file = {
      format: COMPARISON, assessment: this.id, title: this.title, version: this.version,
      saved: new Date().toISOString(), responses: this.state.responses, agreed: this.state.agreed
    };
    var name = this.id + "-comparison-" + file.saved.slice(0, 10) + ".json";
    pt.saveFile(name, JSON.stringify(file, null, 2) + "\n", "application/json");
    this.say(this.t("compare_saved", { file: name }));
  };

  // The flagged statements as rows of the improvement plan's actions, added to
  // any draft of it this browser holds (nothing there is replaced), then opened.
  Compare.prototype.makePlan = function () {
    var self = this;
    var flagged = this.flagged();
    if (!flagged.length) { this.say(this.t("compare_nothing_flagged")); return; }
    var record = null;
    try { record = JSON.parse(this.store.read(this.planKey) || "null"); } catch (err) { record = null; }
    if (!record || typeof record !== "object" || typeof record.answers !== "object" || !record.answers) {
      record = { answers: {} };
    }
    var rows = Array.isArray(record.answers["action-list"]) ? record.answers["action-list"] : [];
    rows = rows.filter(function (row) {
      return row && Object.keys(row).some(function (k) { return String(row[k] || "").trim(); });
    });
    flagged.forEach(function (st) {
      var agreed = self.state.agreed[st.id] || {};
      var action = self.t("compare_plan_action", { statement: st.text });
      if (agreed.note) action += " " + agreed.note;
      rows.push({ action: action, owner: "", due: "" });
    });
    record.answers["action-list"] = rows;
    if (!this.store.write(this.planKey, JSON.stringify(record))) { this.say(this.t("storage_unavailable")); return; }
    this.say(this.t("compare_plan_made", { n: flagged.length }, flagged.length));
    if (this.planUrl) window.location.href = this.planUrl;
  };

  Compare.prototype.clear = function () {
    if (!window.confirm(this.t("compare_clear_confirm"))) return;
    this.state = { responses: [], agreed: {}, previous: null };
    this.store.remove(this.key);
    this.draw();
    this.say(this.t("compare_cleared"));
  };

  pt.onEveryPage(function () {
    document.querySelectorAll("[data-tk-compare]").forEach(function (root) {
      if (root.tkCompare) return;
      root.tkCompare = new Compare(root);
    });
  });
