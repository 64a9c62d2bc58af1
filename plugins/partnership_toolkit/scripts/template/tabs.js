  // -- another tab or window of this site saved this template ------------------------------

  /* Both tabs' work is kept. A field this tab has not changed since it last
     saved takes the other tab's answer; a field changed in both keeps this
     tab's text, and the other tab's goes under "Answers from an earlier
     version"; then the merged answers are saved, so neither tab's typing is
     overwritten unseen. */
  TemplateForm.prototype.fromOtherTab = function (raw) {
    var record = null;
    if (raw !== null) {
      try { record = JSON.parse(raw); } catch (err) { return; }
      if (!isObject(record) || !isObject(record.answers)) return;
    }
    if (record) this.keepEarlier(record.earlier);
    var incoming = record ? this.sort(record.answers, record.labels) : {};
    var local = this.collect();
    var base = this.base || {};
    var conflicts = [];
    var took = false;
    this.fields.forEach(function (f) {
      var mine = local[f.id];
      var theirs = incoming[f.id];
      if (same(mine, theirs)) return;
      if (same(mine, base[f.id]) || (f.list && !(mine || []).some(anyValue))) {
        this.fillField(f, theirs);
        took = true;
      } else if (!same(theirs, base[f.id]) && hasAnswers({ value: theirs })) {
        var key = f.id + "~other-tab";
        for (var n = 2; this.earlier[key] !== undefined; n++) key = f.id + "~other-tab-" + n;
        this.earlier[key] = { label: this.t("template_other_tab_answer", { field: f.label }), value: theirs };
        conflicts.push(f.label);
      }
    }, this);
    this.base = incoming;
    var merged = this.collect();
    if (!record && !conflicts.length && !hasAnswers(merged)) {
      this.earlier = {}; // cleared there, and nothing here was newer
    }
    if (took || conflicts.length) this.hideUndo();
    this.refresh();
    if (conflicts.length) {
      this.tell(this.t("template_other_tab_conflict", { fields: conflicts.join(", ") }));
    } else if (took) {
      this.tell(this.t("storage_other_tab"));
    }
    // What this tab holds beyond the other's is saved now, so both end up the same.
    var theirEarlier = record && isObject(record.earlier) ? Object.keys(record.earlier).length : 0;
    if (!same(merged, incoming) || Object.keys(this.earlier).length > theirEarlier) {
      this.scheduleSave();
    } else if (raw !== null) {
      this.setStatus(this.t("storage_saved"));
    }
  };

