  // -- another tab or window of this site saved this template ------------------------------

  /* Both tabs' work is kept. Each tab knows what it last saw saved (its base).
     Field by field, and cell by cell in rows: what only the other tab changed
     is taken, what only this tab changed is kept, and where both changed the
     same thing this tab's text stays in the form and the other's is kept
     aside with the earlier answers, shown and exported. The merged answers
     are then saved, so both tabs end up the same and nothing is lost. */

  // Keep ``value`` aside under a key made from ``id``, labelled ``label``.
  TemplateForm.prototype.keepAside = function (id, label, value) {
    var key = id + "~other-tab";
    for (var n = 2; this.earlier[key] !== undefined; n++) key = id + "~other-tab-" + n;
    this.earlier[key] = { label: this.t("template_other_tab_answer", { field: label }), value: value };
  };

  /* One field merged three ways; returns the value for the form. ``theirsAt``
     is when the other tab last saved a change to it: older than this tab's own
     saved change, it is a value the other tab had not yet seen replaced. */
  TemplateForm.prototype.merge = function (f, base, mine, theirs, theirsAt, conflicts) {
    if (same(mine, theirs)) return mine;
    if (same(mine, base)) return theirsAt < (this.changedAt[f.id] || 0) ? mine : theirs;
    if (same(theirs, base) || !hasAnswers({ value: theirs })) return mine;
    var rows = f.list && Array.isArray(mine) && Array.isArray(theirs) && mine.length === theirs.length &&
      (base === undefined || (Array.isArray(base) && base.length === mine.length));
    if (!rows) {
      this.keepAside(f.id, f.label, theirs);
      conflicts.push(f.label);
      return mine;
    }
    return mine.map(function (row, i) {
      var out = {};
      var was = base ? base[i] || {} : {};
      var other = theirs[i] || {};
      f.columns.forEach(function (c) {
        var m = row[c.id], t = other[c.id], b = was[c.id];
        var value = m;
        if (m !== t && m === b) {
          value = t; // only the other tab changed it (or emptied it)
        } else if (m !== t && t !== b && t !== undefined) {
          // Both changed it: this tab's stays, the other's is kept aside.
          var label = this.t("template_in_row", { field: f.label, row: this.rowName(f, i + 1), column: c.label });
          this.keepAside(f.id + "." + (i + 1) + "." + c.id, label, t);
          conflicts.push(label);
        }
        if (value !== undefined) out[c.id] = value;
      }, this);
      return out;
    }, this);
  };

  /* What another tab saved, brought in: on its storage event, and again a
     moment after each save here (see pt.lookAgainSoon). */
  TemplateForm.prototype.catchUp = function () {
    if (current !== this) return; // a page instant navigation has left
    var now = this.store.read(this.key);
    if (now !== this.lastRaw) this.fromOtherTab(now);
  };

  /* ``raw`` is the record another tab saved (null: it cleared the template).
     ``saving``: called just before this tab saves, so the save that follows
     writes the merge, and no other is scheduled. */
  TemplateForm.prototype.fromOtherTab = function (raw, saving) {
    var record = null;
    if (raw !== null) {
      try { record = JSON.parse(raw); } catch (err) { return; }
      if (!isObject(record) || !isObject(record.answers)) return;
    }
    this.lastRaw = raw;
    var asideBefore = Object.keys(this.earlier).filter(function (k) { return k.indexOf("~other-tab") >= 0; });
    if (record) this.keepEarlier(record.earlier);
    var incoming = record ? this.sort(record.answers, record.labels) : {};
    var local = this.collect();
    var base = this.base || {};
    var theirTimes = record ? times(record.changed) : {};
    var conflicts = [];
    var took = false;
    this.fields.forEach(function (f) {
      // A template cleared in the other tab was cleared on purpose, just now.
      var theirsAt = record ? theirTimes[f.id] || 0 : Infinity;
      var value = this.merge(f, base[f.id], local[f.id], incoming[f.id], theirsAt, conflicts);
      if (theirTimes[f.id] > (this.changedAt[f.id] || 0)) this.changedAt[f.id] = theirTimes[f.id];
      if (!same(value, local[f.id])) {
        this.fillField(f, value);
        took = true;
      }
    }, this);
    // The other tab kept aside what this one wrote (it saved first): say so here too.
    Object.keys(this.earlier).forEach(function (k) {
      var f = this.byId[k.split("~")[0].split(".")[0]];
      if (k.indexOf("~other-tab") >= 0 && asideBefore.indexOf(k) < 0 && f &&
          conflicts.indexOf(f.label) < 0) conflicts.push(f.label);
    }, this);
    this.base = incoming;
    var merged = this.collect();
    if (!record && !conflicts.length && !hasAnswers(merged)) {
      this.earlier = {}; // cleared there, and nothing here was newer
    }
    this.refresh();
    if (conflicts.length) {
      this.tell(this.t("template_other_tab_conflict", { fields: conflicts.join("; ") }));
    } else if (!record && took) {
      this.tell(this.t("template_other_tab_cleared"));
    } else if (took) {
      this.tell(this.t("storage_other_tab"));
    }
    if (saving) return;
    // What this tab holds beyond the other's is saved now, so both end up the same.
    var theirEarlier = record && isObject(record.earlier) ? Object.keys(record.earlier).length : 0;
    if (!same(merged, incoming) || Object.keys(this.earlier).length > theirEarlier) {
      this.scheduleSave();
    } else if (raw !== null) {
      this.setStatus(this.t("storage_saved"));
    }
  };
