  /* The comparison drawn (see compare.js, which reads the answer files): the
     files open, a summary of each section, then each statement's spread as
     dots on the scale (SVG, described for screen readers) with the answers in
     a table, what the group agrees, and what changed since last round. On
     paper: who took part and when, the rule, and what the group agreed as
     text, with the disagreements first. */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A text the translation left in the toolkit's own language says so, for a
  // screen reader's voice (the page gives each text's language: "" for its own).
  function inLanguage(node, lang) {
    if (lang) node.setAttribute("lang", lang);
    return node;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // The spread as dots on the scale's line: one dot per answer, stacked when equal.
  Compare.prototype.chart = function (figures) {
    if (!figures.scores.length) return el("p", { class: "tk-compare__no-scores" }, this.t("compare_no_scores"));
    var lo = this.scale[0].value, hi = this.scale[this.scale.length - 1].value;
    var width = 240, x = function (v) { return 14 + (v - lo) * (width - 28) / Math.max(1, hi - lo); };
    var counts = {}, most = 1;
    figures.scores.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; most = Math.max(most, counts[v]); });
    var height = 34 + 9 * Math.min(most, 8);
    var base = height - 20;
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, class: "tk-compare__chart", role: "img", focusable: "false" });
    svg.setAttribute("aria-label", this.t("compare_chart_label", {
      // Lowest first: in the order of the files, a partner could be followed
      // from statement to statement, even in the view that hides names.
      answers: figures.scores.slice().sort(function (a, b) { return a - b; }).join(", "), n: figures.spread
    }, figures.spread));
    svg.appendChild(svgEl("line", { x1: 14, y1: base, x2: width - 14, y2: base, class: "tk-compare__axis" }));
    this.scale.forEach(function (p) {
      svg.appendChild(svgEl("line", { x1: x(p.value), y1: base - 4, x2: x(p.value), y2: base + 4, class: "tk-compare__tick" }));
      var label = svgEl("text", { x: x(p.value), y: height - 2, "text-anchor": "middle", class: "tk-compare__tick-label" });
      label.textContent = String(p.value);
      svg.appendChild(label);
    });
    var stacked = {};
    figures.scores.forEach(function (v) {
      stacked[v] = (stacked[v] || 0) + 1;
      if (stacked[v] > 8) return; // a taller pile says no more; the table has every answer
      svg.appendChild(svgEl("circle", { cx: x(v), cy: base - 9 * stacked[v], r: 4, class: "tk-compare__dot" }));
    });
    return svg;
  };

  Compare.prototype.order = function (statements) {
    var self = this;
    var how = this.sort.value;
    var list = statements.map(function (st, i) { return { st: st, f: self.figures(st.id), i: i }; });
    if (how === "spread") {
      // Every flagged statement before any other: what the group disagrees
      // on, then the widest apart, then the most "don't know".
      list.sort(function (a, b) {
        return (b.f.flagged - a.f.flagged) || (b.f.disagree - a.f.disagree) ||
          (b.f.spread - a.f.spread) || (b.f.unsure - a.f.unsure) || (a.i - b.i);
      });
    } else if (how === "lowest") {
      list.sort(function (a, b) {
        var ma = a.f.mean === null ? Infinity : a.f.mean, mb = b.f.mean === null ? Infinity : b.f.mean;
        return (ma - mb) || (a.i - b.i);
      });
    }
    return list.map(function (item) { return item.st; });
  };

  Compare.prototype.draw = function () {
    var self = this;
    var out = this.results;
    while (out.firstChild) out.firstChild.remove();
    this.queue = [];
    this.drawSome(0);
    var n = this.state.responses.length;
    this.root.querySelector("[data-tk-count]").textContent = this.t("compare_count", { n: n }, n);
    this.root.querySelectorAll("[data-tk-needs-answers]").forEach(function (b) { b.disabled = n === 0; });
    this.drawFiles();
    if (!n) return;
    out.appendChild(this.printHeader());
    out.appendChild(this.summary());
    var all = [];
    this.sections.forEach(function (section) {
      section.statements.forEach(function (st) {
        all.push(Object.assign({ section: section.title, sectionLang: section.lang }, st));
      });
    });
    var byOrder = this.sort.value === "order";
    var current = null;
    this.order(all).forEach(function (st) {
      if (byOrder && st.section !== current) {
        current = st.section;
        self.queue.push({ heading: current, lang: st.sectionLang });
      }
      self.queue.push({ st: st, showSection: !byOrder });
    });
    this.drawSome(FIRST_DRAWN);
  };

  // The statements are drawn a few at a time: the first screen at once, the
  // rest in the tasks that follow, so twenty partners' answers show without a
  // pause and the page answers a key or a click meanwhile (BENCHMARKS.md). The
  // results say they are busy until the last is drawn; printing, and moving
  // the focus to a statement, draw the rest first.
  var FIRST_DRAWN = 8, LATER_DRAWN = 12;

  Compare.prototype.drawSome = function (count) {
    var self = this;
    var out = this.results;
    window.clearTimeout(this.pending);
    this.pending = null;
    var drawn = 0;
    while (this.queue.length && drawn < count) {
      var next = this.queue.shift();
      if (next.heading) { out.appendChild(inLanguage(el("h2", { class: "tk-compare__section" }, next.heading), next.lang)); continue; }
      out.appendChild(this.statement(next.st, next.showSection));
      drawn += 1;
    }
    if (this.queue.length) {
      out.setAttribute("aria-busy", "true");
      // After the next frame, so that what is drawn shows before more is.
      var more = function () { self.pending = window.setTimeout(function () { self.drawSome(LATER_DRAWN); }, 0); };
      this.pending = window.setTimeout(function () { window.requestAnimationFrame(more); }, 0);
    } else {
      out.setAttribute("aria-busy", "false");
    }
  };

  Compare.prototype.drawAll = function () {
    if (this.queue.length) this.drawSome(Infinity);
  };

  // The files open, each with a button to remove it (Undo gives it back). The
  // anonymous view lists no names.
  Compare.prototype.drawFiles = function () {
    var self = this;
    var list = this.root.querySelector("[data-tk-files]");
    while (list.firstChild) list.firstChild.remove();
    var hidden = this.anonymous.checked;
    var names = this.names(hidden);
    this.state.responses.forEach(function (r, i) {
      var item = el("li");
      item.appendChild(el("span", { class: "tk-compare__file-name" }, names[i]));
      var when = r.paper ? self.t("compare_from_paper") : (r.saved && !hidden ? self.t("compare_file_saved", { saved: savedOn(r.saved) }) : "");
      if (when) item.appendChild(el("span", { class: "tk-compare__file-when" }, " " + when));
      var remove = el("button", { type: "button", class: "md-button tk-compare__remove", "data-tk-remove": String(i) },
        self.t("compare_remove"));
      remove.setAttribute("aria-label", self.t("compare_remove_label", { name: names[i] }));
      item.appendChild(remove);
      list.appendChild(item);
    });
  };

  // Shown only on paper: who took part, when, and the rule.
  Compare.prototype.printHeader = function () {
    var box = el("div", { class: "tk-print-only tk-compare__print-head" });
    var who = this.anonymous.checked
      ? this.t("compare_count", { n: this.state.responses.length }, this.state.responses.length)
      : this.t("compare_print_who", { names: this.names(false).join(", ") });
    box.appendChild(el("p", {}, this.t("compare_print_when", { date: pt.longDate(new Date()) }) + " " + who));
    box.appendChild(el("p", {}, this.t("compare_rule")));
    var total = 0, unanswered = 0;
    this.sections.forEach(function (section) {
      section.statements.forEach(function (st) { total += 1; if (!this.answered(st.id)) unanswered += 1; }, this);
    }, this);
    if (unanswered) box.appendChild(el("p", {}, this.t("compare_print_unanswered", { n: unanswered, total: total })));
    if (this.state.previous) {
      box.appendChild(el("p", {}, this.t("compare_previous_loaded", { saved: savedOn(this.state.previous.saved) })));
    }
    return box;
  };

  Compare.prototype.summary = function () {
    var self = this;
    var wrap = el("div", { class: "tk-compare__summary" });
    wrap.appendChild(el("h2", {}, this.t("compare_summary")));
    wrap.appendChild(el("p", { class: "tk-compare__explain" }, this.t("compare_mean_explained")));
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
      row.appendChild(inLanguage(el("th", { scope: "row" }, section.title), section.lang));
      row.appendChild(el("td", {}, scores.length ? (scores.reduce(function (a, b) { return a + b; }, 0) / scores.length).toFixed(1) : "–"));
      row.appendChild(el("td", {}, String(flagged)));
      body.appendChild(row);
    });
    wrap.appendChild(table);
    return wrap;
  };

  Compare.prototype.answerLabels = function () {
    var labels = {};
    this.scale.forEach(function (p) { labels[String(p.value)] = p.value + " " + p.label; });
    labels["dont-know"] = this.t("assessment_dont_know");
    labels["not-applicable"] = this.t("assessment_not_applicable");
    return labels;
  };

  // Whether anyone answered a statement, or the group agreed on it: on paper,
  // the others are left out (and counted at the top).
  Compare.prototype.answered = function (sid) {
    var agreed = this.state.agreed[sid];
    return Boolean(agreed && (agreed.score || agreed.note)) ||
      this.state.responses.some(function (r) { return Boolean(r.answers[sid]); });
  };

  Compare.prototype.statement = function (st, showSection) {
    var f = this.figures(st.id);
    var kind = f.flagged ? " tk-compare__statement--flagged" : "";
    if (!this.answered(st.id)) kind += " tk-compare__statement--unanswered";
    var box = el("section", { class: "tk-compare__statement" + kind, "data-tk-statement": st.id });
    if (showSection) box.appendChild(el("p", { class: "tk-compare__in" }, this.t("compare_in_section", { section: st.section })));
    var heading = box.appendChild(el("h3", {}, st.number + ". "));
    heading.appendChild(inLanguage(el("span", {}, st.text), st.lang));
    if (f.flagged) box.appendChild(el("p", { class: "tk-compare__flag" }, this.t("compare_flag", { reasons: f.reasons.join(" ") })));
    var previous = this.previousLine(st.id, f);
    if (previous) box.appendChild(previous);
    var figure = el("div", { class: "tk-compare__figure" });
    figure.appendChild(this.chart(f));
    figure.appendChild(this.answersTable(st.id));
    box.appendChild(figure);
    box.appendChild(this.agreement(st));
    return box;
  };

  // Who said what; in the anonymous view, the answers in the scale's order with
  // no names, so no numbering follows a partner from statement to statement.
  Compare.prototype.answersTable = function (sid) {
    var self = this;
    var labels = this.answerLabels();
    var langs = {};
    this.scale.forEach(function (p) { langs[String(p.value)] = p.lang || ""; });
    var hidden = this.anonymous.checked;
    var names = this.names(false);
    var rows = this.state.responses.map(function (r, i) {
      var given = r.answers[sid] || {};
      return { name: names[i], value: given.value || "", note: given.note || "" };
    });
    if (hidden) {
      var rank = {};
      this.scale.forEach(function (p, i) { rank[String(p.value)] = i; });
      rank["dont-know"] = 100; rank["not-applicable"] = 101; rank[""] = 102;
      rows.sort(function (a, b) { return (rank[a.value] - rank[b.value]) || (a.note < b.note ? -1 : a.note > b.note ? 1 : 0); });
    }
    var table = el("table"); // unclassed, so the theme styles it as any table
    var head = el("tr");
    var columns = hidden ? [this.t("compare_answer"), this.t("compare_note")]
      : [this.t("compare_who"), this.t("compare_answer"), this.t("compare_note")];
    columns.forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    rows.forEach(function (row) {
      var tr = el("tr");
      if (!hidden) tr.appendChild(el("th", { scope: "row" }, row.name));
      tr.appendChild(inLanguage(el("td", {}, labels[row.value] || self.t("compare_none")), langs[row.value]));
      tr.appendChild(el("td", { class: "tk-compare__note" }, row.note));
      body.appendChild(tr);
    });
    return table;
  };

  // Last round's average and what the group agreed then.
  Compare.prototype.previousLine = function (sid, f) {
    var previous = this.state.previous;
    if (!previous) return null;
    var before = previous.means ? previous.means[sid] : undefined;
    var parts = [];
    if (typeof before === "number") {
      parts.push(this.t("compare_change", { before: before.toFixed(1), now: f.mean === null ? "–" : f.mean.toFixed(1) }));
    }
    var agreed = previous.agreed ? previous.agreed[sid] : null;
    var score = this.agreedText(agreed);
    if (score) parts.push(this.t("compare_change_agreed", { score: score }));
    if (agreed && agreed.note) parts.push(this.t("compare_change_note", { note: agreed.note }));
    return parts.length ? el("p", { class: "tk-compare__change" }, parts.join(" ")) : null;
  };

  // What the group agrees: a score, or that it disagrees, and a note; on paper, as text.
  Compare.prototype.agreement = function (st) {
    var self = this;
    var agreed = this.state.agreed[st.id] || { score: "", note: "" };
    var wrap = el("div", { class: "tk-compare__agree tk-screen-only" });
    var sid = "tk-agree-" + st.id;
    wrap.appendChild(el("label", { for: sid }, this.t("compare_agreed")));
    var select = el("select", { id: sid });
    select.appendChild(el("option", { value: "" }, this.t("compare_not_yet")));
    this.scale.forEach(function (p) {
      select.appendChild(inLanguage(el("option", { value: String(p.value) }, p.value + " " + p.label), p.lang));
    });
    select.appendChild(el("option", { value: "disagree" }, this.t("compare_disagree")));
    select.value = agreed.score || "";
    var note = el("textarea", { id: sid + "-note", rows: "2" });
    note.value = agreed.note || "";
    var paper = el("p", { class: "tk-print-only tk-compare__agreed" });
    var writePaper = function () {
      while (paper.firstChild) paper.firstChild.remove();
      paper.appendChild(el("strong", {}, self.t("compare_agreed") + ": "));
      paper.appendChild(document.createTextNode(self.agreedText({ score: select.value }) || "________"));
      if (note.value) {
        paper.appendChild(el("br"));
        paper.appendChild(el("strong", {}, self.t("compare_agreed_note") + ": "));
        paper.appendChild(el("span", { class: "tk-compare__note" }, note.value));
      }
    };
    var keep = function () {
      self.undo.drop();
      self.state.agreed[st.id] = { score: select.value, note: note.value };
      self.save();
      writePaper();
    };
    select.addEventListener("change", function () { keep(); self.draw(); self.focusAgain(sid); });
    note.addEventListener("input", keep);
    wrap.appendChild(select);
    wrap.appendChild(el("label", { for: sid + "-note" }, this.t("compare_agreed_note")));
    wrap.appendChild(note);
    var frag = document.createDocumentFragment();
    frag.appendChild(wrap);
    writePaper();
    frag.appendChild(paper);
    return frag;
  };

  Compare.prototype.focusAgain = function (id) {
    this.drawAll();
    var again = document.getElementById(id);
    if (again) again.focus();
  };

  pt.onEveryPage(function () {
    document.querySelectorAll("[data-tk-compare]").forEach(function (root) {
      if (root.tkCompare) return;
      root.tkCompare = new Compare(root);
    });
  });
