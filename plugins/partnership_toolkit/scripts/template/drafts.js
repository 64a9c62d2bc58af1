  // -- export, import, Markdown, clear ----------------------------------------------------

  TemplateForm.prototype.exportDraft = function () {
    var record = this.record();
    record.exported = record.saved;
    saveFile(this.id + "-draft-" + today() + ".json", JSON.stringify(record, null, 2) + "\n",
             "application/json");
  };

  TemplateForm.prototype.importDraft = function (text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      this.tell(this.t("template_import_failed", { reason: this.t("template_import_not_json") }), true);
      return;
    }
    if (isObject(data) && typeof data.checklist === "string" && Array.isArray(data.ticked)) {
      this.tell(this.t("template_import_is_ticks",
        { found: typeof data.title === "string" && data.title ? data.title : data.checklist }), true);
      return;
    }
    if (!isObject(data) || !isObject(data.answers)) {
      this.tell(this.t("template_import_failed", { reason: this.t("template_import_not_draft") }), true);
      return;
    }
    if (data.template !== this.id) {
      this.tell(this.t("template_import_wrong",
        { found: typeof data.title === "string" ? data.title : String(data.template) }), true);
      return;
    }
    var answered = hasAnswers(this.collect()) || Object.keys(this.earlier).length > 0;
    if (answered && !window.confirm(this.t("template_import_replace_confirm"))) return;
    var previous = this.snapshot();
    this.earlier = {};
    this.keepEarlier(data.earlier);
    var earlierCount = Object.keys(this.earlier).length;
    this.fill(this.sort(data.answers, data.labels));
    var unknown = Object.keys(this.earlier).length > earlierCount;
    this.refresh();
    this.saveNow();
    var said = this.t("template_imported") + (unknown ? " " + this.t("template_import_unknown") : "");
    if (answered) this.offerUndo(previous, said);
    else this.tell(said);
  };

  TemplateForm.prototype.clear = function () {
    if (!window.confirm(this.t("template_clear_confirm"))) return;
    var before = this.snapshot();
    if (pendingSave && pendingSave.form === this) { clearTimeout(pendingSave.timer); pendingSave = null; }
    this.store.remove(this.key);
    this.lastRaw = null;
    this.base = {};
    this.earlier = {};
    this.fill({});
    this.refresh();
    this.setStatus("");
    this.offerUndo(before, this.t("template_cleared"));
  };

  TemplateForm.prototype.discardEarlier = function () {
    if (!window.confirm(this.t("template_unknown_discard_confirm"))) return;
    var before = this.snapshot();
    this.earlier = {};
    this.refresh();
    this.saveNow();
    this.offerUndo(before, this.t("template_unknown_discarded"));
    // The box and its button are gone: say what happened, where.
    (this.el.undo && !this.el.undo.hidden ? this.el.undo : this.el.notice).focus();
  };

  // -- Undo: every action that removes answers can be taken back --------------------------

  TemplateForm.prototype.snapshot = function () {
    return { answers: this.collect(), earlier: JSON.parse(JSON.stringify(this.earlier)) };
  };

  TemplateForm.prototype.offerUndo = function (before, message) {
    this.undoer.offer({ before: before, after: this.snapshot() });
    this.tell(message + " " + this.t("undo_offered"));
  };

  TemplateForm.prototype.hideUndo = function () {
    this.undoer.drop();
  };

  /* Undo: each answer as it was before the action, unless it changed since
     (another tab can change answers while Undo is offered): that stays. */
  TemplateForm.prototype.restore = function (state, focusWasOnUndo) {
    var now = this.collect();
    var after = state.after.answers;
    this.fields.forEach(function (f) {
      if (same(now[f.id], after[f.id])) this.fillField(f, state.before.answers[f.id]);
    }, this);
    var earlier = JSON.parse(JSON.stringify(state.before.earlier));
    Object.keys(this.earlier).forEach(function (k) {
      if (!(k in state.after.earlier)) earlier[k] = this.earlier[k]; // kept aside since
    }, this);
    this.earlier = earlier;
    this.refresh();
    this.saveNow();
    this.tell(this.t("undone"));
    if (focusWasOnUndo) this.el.notice.focus(); // the button is gone: stay where it was
  };


  TemplateForm.prototype.markdown = function () {
    var self = this;
    var answers = this.collect();
    var none = "*" + mdEscape(this.t("template_not_answered")) + "*";
    var show = function (type, v, f) { return mdEscape(type === "date" ? longDate(v) : shownAs(f, v)); };
    var out = ["# " + mdEscape(this.title), "",
               "*" + mdEscape(this.t("template_md_exported", { toolkit: this.toolkit, date: longDate(today()) })) +
               " " + mdEscape(this.t("template_md_version", { version: this.version })) + "*", ""];
    var section = null;
    this.fields.forEach(function (f) {
      if (f.section !== section) {
        section = f.section;
        out.push("## " + mdEscape(section), "");
      }
      var value = answers[f.id];
      var label = "**" + mdEscape(f.label) + ":**";
      if (f.control) {
        if (value === undefined) out.push(label + " " + none, "");
        else if (f.type === "textarea") out.push(label, "", show(f.type, value, f).replace(/\n/g, "  \n"), "");
        else out.push(label + " " + show(f.type, value, f), "");
      } else if (f.type === "choices") {
        if (!value) out.push(label + " " + none, "");
        else out.push(label, "", value.map(function (v) { return "- " + mdEscape(shownAs(f, v)); }).join("\n"), "");
      } else if (f.type === "signatures") {
        out.push(label, "");
        if (!value.length) out.push(none, "");
        value.forEach(function (row, i) {
          var lines = ["**" + mdEscape(self.rowName(f, i + 1)) + "**"];
          f.columns.forEach(function (c) {
            lines.push(mdEscape(c.label) + ": " + (row[c.id] ? show(c.type, row[c.id], c) : "\\_".repeat(20)));
          });
          lines.push(mdEscape(self.t("template_signature")) + ": " + "\\_".repeat(30));
          out.push(lines.join("  \n"), "");
        });
      } else if (f.list) {
        var rows = value.filter(anyValue);
        if (!rows.length) { out.push(label + " " + none, ""); return; }
        out.push(label, "");
        out.push("| " + f.columns.map(function (c) { return mdEscape(c.label); }).join(" | ") + " |");
        out.push("|" + f.columns.map(function () { return " --- |"; }).join(""));
        rows.forEach(function (row) {
          out.push("| " + f.columns.map(function (c) {
            return row[c.id] ? show(c.type, row[c.id], c).replace(/\s*\n\s*/g, " ") : "";
          }).join(" | ") + " |");
        });
        out.push("");
      }
    });
    var keys = Object.keys(this.earlier);
    if (keys.length) {
      out.push("## " + mdEscape(this.t("template_unknown_heading")), "");
      keys.forEach(function (key) {
        var entry = self.earlier[key];
        out.push("- **" + mdEscape(entry.label) + ":** " + mdEscape(self.describe(entry.value)).replace(/\n/g, " "));
      });
      out.push("");
    }
    return out.join("\n");
  };

  TemplateForm.prototype.downloadMarkdown = function () {
    saveFile(this.id + "-" + today() + ".md", this.markdown(), "text/markdown");
  };

