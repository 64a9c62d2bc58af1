  // -- saving on this device -------------------------------------------------------------

  TemplateForm.prototype.load = function () {
    var self = this;
    // What the reader typed or ticked before this script ran (a slow
    // connection) is kept: it is newer than anything saved.
    var typed = this.collect();
    Object.keys(typed).forEach(function (id) { if (self.byId[id].list) delete typed[id]; });
    var record = null;
    if (!this.store.persistent) this.warn(this.t("storage_unavailable"));
    var raw = this.store.read(this.key);
    this.lastRaw = raw; // what this tab last saw saved, exactly: see saveNow
    if (raw) {
      try { record = JSON.parse(raw); } catch (err) { record = null; }
      if (!isObject(record) || !isObject(record.answers)) {
        record = null;
        // Keep the unreadable text beside the answers instead of overwriting it.
        this.store.write(this.key + ":unreadable", raw);
        this.warn(this.t("storage_corrupt"));
      }
    }
    var answers = {};
    if (record) {
      this.keepEarlier(record.earlier);
      this.changedAt = times(record.changed);
      answers = this.sort(record.answers, record.labels);
      this.setStatus(this.t("storage_saved"));
    }
    this.base = answers; // what this tab knows to be saved: see fromOtherTab
    var newer = Object.keys(typed).filter(function (id) {
      return JSON.stringify(typed[id]) !== JSON.stringify(answers[id]);
    });
    this.fill(Object.assign({}, answers, typed));
    if (newer.length) this.changed();
    else this.refresh();
  };

  TemplateForm.prototype.changed = function () {
    this.hideUndo(); // Undo puts back what an action removed, never over newer typing
    this.refresh();
    this.scheduleSave();
  };

  TemplateForm.prototype.scheduleSave = function () {
    if (!this.store.persistent) return;
    var self = this;
    this.setStatus(this.t("storage_saving"));
    if (pendingSave) clearTimeout(pendingSave.timer);
    pendingSave = { form: this, timer: setTimeout(flushSave, SAVE_DELAY) };
    pendingSave.run = function () { self.saveNow(); };
  };

  TemplateForm.prototype.saveNow = function () {
    if (!this.store.persistent) return;
    // Another tab saved since this one last looked (its storage event may not
    // have arrived yet): merge its answers first, so this save keeps both.
    var stored = this.store.read(this.key);
    if (stored !== this.lastRaw) this.fromOtherTab(stored, true);
    var now = Date.now();
    var answers = this.collect();
    var base = this.base || {};
    this.fields.forEach(function (f) {
      if (!same(answers[f.id], base[f.id])) this.changedAt[f.id] = now;
    }, this);
    var record = this.record();
    var text = JSON.stringify(record);
    if (this.store.write(this.key, text)) {
      this.lastRaw = text;
      this.base = record.answers;
      this.setStatus(this.t("storage_saved"));
      pt.lookAgainSoon(this);
    } else {
      this.setStatus("");
      this.warn(this.t("storage_unavailable"));
    }
  };

  function flushSave() {
    if (!pendingSave) return;
    var save = pendingSave;
    pendingSave = null;
    clearTimeout(save.timer);
    save.run();
  }

  TemplateForm.prototype.setStatus = function (text) {
    // Each keystroke asks for "Saving…" again: the same words are left alone, so the
    // status line is not laid out again for nothing.
    if (!this.el.status || this.el.status.textContent === text) return;
    this.el.status.textContent = text;
    this.el.status.toggleAttribute("data-tk-saved", text !== "" && text === this.t("storage_saved"));
  };

  TemplateForm.prototype.warn = function (text) {
    if (!this.el.warning) return;
    this.el.warning.textContent = text;
    this.el.warning.hidden = false;
  };

  TemplateForm.prototype.tell = function (text, isError) {
    if (!this.el.notice) return;
    this.el.notice.textContent = text;
    this.el.notice.classList.toggle("tk-notice--error", !!isError);
  };

  TemplateForm.prototype.announce = function (text) {
    if (this.el.announce) this.el.announce.textContent = text;
  };

