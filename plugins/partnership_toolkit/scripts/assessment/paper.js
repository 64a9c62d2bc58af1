  /* Answers given on paper, typed into the comparison: the page lists every
     statement with the scale to choose from (assessment_compare.md.j2), and
     "Add these answers" takes them as one more partner's, under the name on
     the paper. Shown only when this script runs. */

  var pt = window.partnershipToolkit;

  function PaperAnswers(compare) {
    var self = this;
    this.compare = compare;
    this.root = compare.root.querySelector("[data-tk-paper]");
    if (!this.root) return;
    this.label = this.root.querySelector("[data-tk-paper-label]");
    this.error = this.root.querySelector("[data-tk-paper-error]");
    this.root.querySelector("[data-tk-action=paper-add]").addEventListener("click", function () { self.add(); });
    this.label.addEventListener("input", function () { self.problem(""); });
    this.root.hidden = false;
  }

  // Says what is wrong beside the field it is about, and at the top of the page.
  PaperAnswers.prototype.problem = function (text, field) {
    this.error.textContent = text;
    this.error.hidden = !text;
    if (text) this.label.setAttribute("aria-invalid", field === this.label ? "true" : "false");
    else this.label.removeAttribute("aria-invalid");
    if (text) {
      this.compare.say([text]);
      (field || this.label).focus();
    }
  };

  PaperAnswers.prototype.add = function () {
    var c = this.compare;
    var label = this.label.value.trim();
    if (!label) { this.problem(c.t("compare_paper_name_needed"), this.label); return; }
    var answers = {}, given = 0;
    this.root.querySelectorAll("[data-tk-paper-answer]").forEach(function (select) {
      var sid = select.getAttribute("data-tk-paper-answer");
      var note = c.root.querySelector("[data-tk-paper-note='" + sid + "']");
      var text = note ? note.value : "";
      if (select.value || text) { answers[sid] = { value: select.value, note: text }; given += 1; }
    });
    if (!given) {
      this.problem(c.t("compare_paper_empty"), this.root.querySelector("[data-tk-paper-answer]"));
      return;
    }
    var news = c.add({ label: label, saved: new Date().toISOString(), answers: answers, paper: true });
    if (!news.taken) { this.problem(news.messages.join(" ")); return; }
    this.problem("");
    c.undo.drop();
    c.save();
    c.draw();
    this.root.querySelectorAll("select, input, textarea").forEach(function (field) { field.value = ""; });
    c.say([c.t("compare_paper_added", { name: label })].concat(news.messages));
  };
