  // -- the template form ----------------------------------------------------------------

  function TemplateForm(root) {
    this.root = root;
    this.id = root.getAttribute("data-tk-template");
    this.title = root.getAttribute("data-tk-title");
    this.toolkit = root.getAttribute("data-tk-toolkit");
    this.key = STORAGE_PREFIX + this.id;
    this.words = pt.words(root);
    this.article = root.closest("article") || document.body;
    this.sections = Array.prototype.slice.call(this.article.querySelectorAll("[data-tk-section]"));
    this.fields = this.readFields();
    this.byId = {};
    this.fields.forEach(function (f) { this.byId[f.id] = f; }, this);
    this.version = hash(this.fields.map(function (f) {
      return f.id + ":" + f.type + "(" + f.options.join("|") +
        f.columns.map(function (c) { return c.id + ":" + c.type; }).join(",") + ")";
    }).join(";"));
    this.earlier = {};
    this.changedAt = {}; // field id: when a change to it was last saved, in ms
    this.rowCounter = 0;
    this.store = pt.openStore();
    this.el = {
      toolbar: root.querySelector(".tk-toolbar"),
      status: root.querySelector("[data-tk-status]"),
      warning: root.querySelector("[data-tk-storage-warning]"),
      notice: root.querySelector("[data-tk-notice]"),
      undo: root.querySelector("[data-tk-action=undo]"),
      announce: root.querySelector("[data-tk-announce]"),
      completeness: root.querySelector("[data-tk-completeness]"),
      earlier: root.querySelector("[data-tk-earlier]"),
      earlierList: root.querySelector("[data-tk-earlier-list]"),
      file: root.querySelector("[data-tk-import-file]")
    };
    var self = this;
    this.undoer = pt.undo(this.el.undo, function (before, focused) { self.restore(before, focused); });
    this.listen();
    this.load();
    if (this.el.toolbar) this.el.toolbar.hidden = false;
  }

  TemplateForm.prototype.t = function (key, values, count) {
    return this.words.t(key, values, count);
  };

  // A choice is saved as its words in the toolkit's own language, so an answer
  // given in one translation shows in every other: the words each page shows
  // for each saved value.
  function optionLabels(select) {
    var labels = {};
    if (select) {
      Array.prototype.forEach.call(select.options, function (o) { labels[o.value] = o.textContent; });
    }
    return labels;
  }

  // What an answer looks like on this page: a choice in the page's words.
  function shownAs(f, value) {
    var labels = f.labels || {};
    return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : value;
  }

  // What the page says about each field, read once.
  TemplateForm.prototype.readFields = function () {
    var fields = [];
    this.sections.forEach(function (section) {
      var title = section.getAttribute("data-tk-section-title") || "";
      section.querySelectorAll("[data-tk-field]").forEach(function (el) {
        var type = el.getAttribute("data-tk-type");
        var f = {
          id: el.getAttribute("data-tk-field"), type: type, el: el, section: title,
          label: el.getAttribute("data-tk-label") || "",
          required: el.hasAttribute("data-tk-required"),
          options: [], labels: {}, columns: [], control: null
        };
        if (type === "choices") {
          f.options = Array.prototype.map.call(el.querySelectorAll("input[type=checkbox]"),
            function (box) {
              var words = el.querySelector("label[for='" + box.id + "']");
              f.labels[box.value] = words ? words.textContent : box.value;
              return box.value;
            });
        } else if (type === "rows" || type === "signatures") {
          var tpl = el.querySelector("template[data-tk-row-template]");
          f.template = tpl;
          f.list = el.querySelector("[data-tk-rows-list]");
          f.defaultRows = parseInt(el.getAttribute("data-tk-rows"), 10) || 1;
          f.columns = Array.prototype.map.call(tpl.content.querySelectorAll("[data-tk-column]"),
            function (col) {
              return { id: col.getAttribute("data-tk-column"), type: col.getAttribute("data-tk-type"),
                       label: col.getAttribute("data-tk-label") || "",
                       required: col.hasAttribute("data-tk-required"),
                       labels: optionLabels(col.querySelector("select")) };
            });
        } else if (SIMPLE.indexOf(type) >= 0) {
          f.control = el.querySelector("input, textarea, select");
          if (type === "choice") {
            f.options = Array.prototype.slice.call(f.control.options, 1)
              .map(function (o) { return o.value; });
            f.labels = optionLabels(f.control);
          }
        }
        fields.push(f);
      });
    });
    return fields;
  };

  TemplateForm.prototype.listen = function () {
    var self = this;
    this.sections.forEach(function (section) {
      section.addEventListener("input", function (event) {
        if (!event.target.hasAttribute("data-tk-touched")) event.target.setAttribute("data-tk-touched", "");
        if (event.target.getAttribute("aria-invalid") === "true") self.validate(event.target, true);
        self.typed(event.target);
      });
      section.addEventListener("change", function () { self.changed(); });
      section.addEventListener("focusout", function (event) {
        var target = event.target;
        if (target.matches && target.matches("input:not([type=checkbox]), textarea, select")) {
          self.validate(target, target.hasAttribute("data-tk-touched"));
        }
      });
      section.addEventListener("click", function (event) {
        var button = event.target.closest("[data-tk-action]");
        if (!button) return;
        var field = self.byId[button.closest("[data-tk-field]").getAttribute("data-tk-field")];
        if (button.getAttribute("data-tk-action") === "add-row") {
          var row = self.addRow(field, {});
          self.focusFirst(row);
          self.announce(self.t("template_row_added", { row: self.rowName(field, field.list.children.length) }));
          self.changed();
        } else if (button.getAttribute("data-tk-action") === "remove-row") {
          self.removeRow(field, button.closest("[data-tk-row]"));
        }
      });
    });
    this.root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-tk-action]");
      if (!button) return;
      var action = button.getAttribute("data-tk-action");
      if (action === "print") self.print(false);
      else if (action === "print-blank") self.print(true);
      else if (action === "export") self.exportDraft();
      else if (action === "import") self.el.file.click();
      else if (action === "markdown") self.downloadMarkdown();
      else if (action === "clear") self.clear();
      else if (action === "discard-earlier") self.discardEarlier();
    });
    if (this.el.file) {
      this.el.file.addEventListener("change", function () {
        pt.readChosenFile(self.el.file, MAX_IMPORT_BYTES, function (text) { self.importDraft(text); },
          function (size) {
            self.tell(self.t("template_import_failed",
              { reason: self.t("template_import_too_big", { size: size }) }), true);
          },
          function () {
            self.tell(self.t("template_import_failed", { reason: self.t("template_import_not_json") }), true);
          });
      });
    }
  };

  // -- answers: reading and writing the form ------------------------------------------

  TemplateForm.prototype.collect = function () {
    var answers = {};
    this.fields.forEach(function (f) {
      var value = this.collectField(f);
      if (value !== undefined) answers[f.id] = value;
    }, this);
    return answers;
  };

  // One field's answer (undefined when it has none).
  TemplateForm.prototype.collectField = function (f) {
    if (f.control) return f.control.value !== "" ? f.control.value : undefined;
    if (f.type === "choices") {
      var ticked = Array.prototype.filter.call(f.el.querySelectorAll("input[type=checkbox]"),
        function (box) { return box.checked; }).map(function (box) { return box.value; });
      return ticked.length ? ticked : undefined;
    }
    if (!f.list) return undefined;
    // Every row is kept, empty ones too, so the number of rows survives a reload.
    return Array.prototype.map.call(f.list.children, function (row) {
      var values = {};
      row.querySelectorAll("[data-tk-column]").forEach(function (col) {
        var control = col.querySelector("input, textarea, select");
        if (control.value !== "") values[col.getAttribute("data-tk-column")] = control.value;
      });
      return values;
    });
  };

  TemplateForm.prototype.fill = function (answers) {
    this.fields.forEach(function (f) { this.fillField(f, answers[f.id]); }, this);
  };

  TemplateForm.prototype.fillField = function (f, value) {
    var self = this;
    if (f.control) {
      var text = value === undefined ? "" : value;
      if (f.control.value !== text) { // a focused field keeps its caret otherwise
        f.control.value = text;
        this.clearError(f.control);
      }
    } else if (f.type === "choices") {
      f.el.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = Array.isArray(value) && value.indexOf(box.value) >= 0;
      });
    } else if (f.list) {
      var rows = Array.isArray(value) ? value : [];
      if (!Array.isArray(value)) for (var i = 0; i < f.defaultRows; i++) rows.push({});
      if (rows.length && rows.length === f.list.children.length) {
        // As many rows as shown: change the cells in place, so the reader's
        // focus and caret stay where they are.
        Array.prototype.forEach.call(f.list.children, function (row, n) {
          row.querySelectorAll("[data-tk-column]").forEach(function (col) {
            var control = col.querySelector("input, textarea, select");
            var cell = rows[n][col.getAttribute("data-tk-column")];
            cell = cell === undefined ? "" : String(cell);
            if (control.value !== cell) control.value = cell;
          });
        });
        return;
      }
      while (f.list.firstChild) f.list.firstChild.remove();
      rows.forEach(function (row) { self.addRow(f, row); });
    }
  };

  // Sort saved or imported answers into those this version of the template can
  // show and those it cannot; the second kind goes to `earlier`, never away.
  TemplateForm.prototype.sort = function (raw, labels) {
    var self = this;
    var answers = {};
    labels = isObject(labels) ? labels : {};
    var keep = function (key, label, value) {
      var k = key;
      for (var n = 2; self.earlier[k] !== undefined &&
           JSON.stringify(self.earlier[k].value) !== JSON.stringify(value); n++) k = key + "~" + n;
      self.earlier[k] = { label: String(label), value: value };
    };
    Object.keys(raw).forEach(function (id) {
      var value = raw[id];
      var f = self.byId[id];
      if (!f) {
        keep(id, typeof labels[id] === "string" ? labels[id] : id, value);
      } else if (f.control) {
        if (!isText(value)) keep(id, f.label, value);
        else if (f.type === "choice" && f.options.indexOf(String(value)) < 0) keep(id, f.label, value);
        else answers[id] = String(value);
      } else if (f.type === "choices") {
        var list = Array.isArray(value) ? value : [value];
        var known = list.filter(function (v) { return isText(v) && f.options.indexOf(String(v)) >= 0; });
        var other = list.filter(function (v) { return known.indexOf(v) < 0; });
        answers[id] = known.map(String);
        if (other.length) keep(id, f.label, other);
      } else if (f.list) {
        if (!Array.isArray(value)) { keep(id, f.label, value); return; }
        var columns = f.columns.map(function (c) { return c.id; });
        answers[id] = value.map(function (row, index) {
          var rowName = self.rowName(f, index + 1);
          var values = {};
          if (!isObject(row)) {
            keep(id + "." + (index + 1), f.label + ", " + rowName, row);
            return values;
          }
          Object.keys(row).forEach(function (col) {
            if (columns.indexOf(col) >= 0 && isText(row[col])) {
              values[col] = String(row[col]);
            } else {
              var colLabel = labels[id + "." + col];
              keep(id + "." + (index + 1) + "." + col, self.t("template_in_row", {
                field: f.label, row: rowName,
                column: typeof colLabel === "string" ? colLabel : col }), row[col]);
            }
          });
          return values;
        });
      }
    });
    return answers;
  };

  TemplateForm.prototype.keepEarlier = function (earlier) {
    if (!isObject(earlier)) return;
    Object.keys(earlier).forEach(function (key) {
      var entry = earlier[key];
      var label = isObject(entry) && typeof entry.label === "string" ? entry.label : key;
      var value = isObject(entry) && "value" in entry ? entry.value : entry;
      this.earlier[key] = { label: label, value: value };
    }, this);
  };

  TemplateForm.prototype.labels = function () {
    var labels = {};
    this.fields.forEach(function (f) {
      labels[f.id] = f.label;
      f.columns.forEach(function (c) { labels[f.id + "." + c.id] = c.label; });
    });
    return labels;
  };

  // The saved record and the exported draft are the same thing.
  TemplateForm.prototype.record = function () {
    return {
      format: FORMAT,
      format_version: FORMAT_VERSION,
      template: this.id,
      title: this.title,
      toolkit: this.toolkit,
      template_version: this.version,
      saved: new Date().toISOString(),
      answers: this.collect(),
      labels: this.labels(),
      earlier: this.earlier,
      // When this device last saved each answer: how two tabs merge (see tabs.js).
      changed: this.changedAt
    };
  };

