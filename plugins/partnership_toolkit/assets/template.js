/* Fillable agreement templates.
 *
 * The reader's answers are saved in this browser (localStorage) as they type,
 * restored on reload and after Material's instant navigation, exported and
 * imported as a JSON draft, downloaded as Markdown and printed filled or
 * blank. Nothing is ever sent anywhere.
 *
 * The page (templates/template_*.html) carries everything this script needs:
 * each field's id, type and label in data- attributes, a <template> for a
 * repeating row, and the words to show as JSON in data-tk-words. Answers to questions
 * a later version of a template no longer asks are never dropped: they are
 * kept, shown under "Answers from an earlier version", exported and
 * downloaded until the reader discards them.
 */
(function () {
  "use strict";

  // Instant navigation runs this script again on each page that links it:
  // set up once, then follow every page through document$.
  if (window.__tkTemplateScript) return;
  window.__tkTemplateScript = true;

  var FORMAT = "partnership-toolkit/template-draft";
  var FORMAT_VERSION = 1;
  var SAVE_DELAY = 400; // ms after the last keystroke
  var shared = window.partnershipToolkit;  // assets/toolkit/toolkit.js
  // Drafts are saved under tk:<site path>:template:<id>.
  var STORAGE_PREFIX = shared.storageKey("template", "");
  var SIMPLE = ["text", "textarea", "date", "number", "email", "choice"];

  var current = null; // the template form on the page now
  var pendingSave = null; // a save waiting for its delay, flushed on navigation

  // -- small helpers ------------------------------------------------------------------

  // A draft is a few kilobytes; anything much bigger is another file.
  var MAX_IMPORT_BYTES = 5 * 1048576;

  function say(words, key, values) {
    return shared.fill(words[key] || key, values);
  }

  function openStorage() {
    try {
      // Reading is the test: a full storage still gives back what it holds (a
      // test write would fail there, and hide every saved answer).
      window.localStorage.getItem(STORAGE_PREFIX + "probe");
      return window.localStorage;
    } catch (err) {
      return null; // blocked or private mode: the page still works
    }
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isText(value) {
    return typeof value === "string" || typeof value === "number";
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function longDate(value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined,
        { dateStyle: "long", timeZone: "UTC" }).format(new Date(value + "T00:00:00Z"));
    } catch (err) {
      return value;
    }
  }

  function hash(text) {
    var h = 5381;
    for (var i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
    return h.toString(16);
  }

  // Two answers alike, whatever order their keys were written in.
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (isObject(value)) {
      return "{" + Object.keys(value).sort().map(function (k) {
        return JSON.stringify(k) + ":" + canonical(value[k]);
      }).join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value);
  }

  function same(a, b) {
    return canonical(a) === canonical(b);
  }

  function anyValue(row) {
    return Object.keys(row).some(function (k) { return String(row[k]).trim() !== ""; });
  }

  // Whether collected answers hold anything the reader wrote or ticked (rows
  // are collected even when empty, so that their number survives a reload).
  function hasAnswers(answers) {
    return Object.keys(answers).some(function (k) {
      var v = answers[k];
      if (v === undefined) return false;
      return Array.isArray(v) ? v.some(function (r) { return !isObject(r) || anyValue(r); }) : true;
    });
  }

  var saveFile = shared.saveFile;

  // Markdown that shows the reader's text exactly as typed.
  function mdEscape(text) {
    return String(text)
      .replace(/([\\`*_[\]{}<>|#])/g, "\\$1")
      .replace(/^(\s*)([-+=>]|\d+\.)/gm, "$1\\$2");
  }

  // -- the template form ----------------------------------------------------------------

  function TemplateForm(root) {
    this.root = root;
    this.id = root.getAttribute("data-tk-template");
    this.title = root.getAttribute("data-tk-title");
    this.toolkit = root.getAttribute("data-tk-toolkit");
    this.key = STORAGE_PREFIX + this.id;
    this.words = {};
    try {
      this.words = JSON.parse(root.getAttribute("data-tk-words"));
    } catch (err) { /* missing words show their keys; the form still works */ }
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
    this.rowCounter = 0;
    this.storage = openStorage();
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
    this.listen();
    this.load();
    if (this.el.toolbar) this.el.toolbar.hidden = false;
  }

  TemplateForm.prototype.t = function (key, values) {
    return say(this.words, key, values);
  };

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
          options: [], columns: [], control: null
        };
        if (type === "choices") {
          f.options = Array.prototype.map.call(el.querySelectorAll("input[type=checkbox]"),
            function (box) { return box.value; });
        } else if (type === "rows" || type === "signatures") {
          var tpl = el.querySelector("template[data-tk-row-template]");
          f.template = tpl;
          f.list = el.querySelector("[data-tk-rows-list]");
          f.defaultRows = parseInt(el.getAttribute("data-tk-rows"), 10) || 1;
          f.columns = Array.prototype.map.call(tpl.content.querySelectorAll("[data-tk-column]"),
            function (col) {
              return { id: col.getAttribute("data-tk-column"), type: col.getAttribute("data-tk-type"),
                       label: col.getAttribute("data-tk-label") || "",
                       required: col.hasAttribute("data-tk-required") };
            });
        } else if (SIMPLE.indexOf(type) >= 0) {
          f.control = el.querySelector("input, textarea, select");
          if (type === "choice") {
            f.options = Array.prototype.slice.call(f.control.options, 1)
              .map(function (o) { return o.value; });
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
        event.target.setAttribute("data-tk-touched", "");
        if (event.target.getAttribute("aria-invalid") === "true") self.validate(event.target, true);
        self.changed();
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
      else if (action === "undo") self.undo();
    });
    if (this.el.file) {
      this.el.file.addEventListener("change", function () {
        var file = self.el.file.files && self.el.file.files[0];
        if (file && file.size > MAX_IMPORT_BYTES) {
          self.tell(self.t("template_import_failed", { reason: self.t("template_import_too_big",
            { size: (file.size / 1048576).toFixed(1) }) }), true);
        } else if (file) {
          file.text().then(function (text) { self.importDraft(text); });
        }
        self.el.file.value = "";
      });
    }
  };

  // -- answers: reading and writing the form ------------------------------------------

  TemplateForm.prototype.collect = function () {
    var answers = {};
    this.fields.forEach(function (f) {
      if (f.control) {
        if (f.control.value !== "") answers[f.id] = f.control.value;
      } else if (f.type === "choices") {
        var ticked = Array.prototype.filter.call(f.el.querySelectorAll("input[type=checkbox]"),
          function (box) { return box.checked; }).map(function (box) { return box.value; });
        if (ticked.length) answers[f.id] = ticked;
      } else if (f.list) {
        // Every row is kept, empty ones too, so the number of rows survives a reload.
        answers[f.id] = Array.prototype.map.call(f.list.children, function (row) {
          var values = {};
          row.querySelectorAll("[data-tk-column]").forEach(function (col) {
            var control = col.querySelector("input, textarea, select");
            if (control.value !== "") values[col.getAttribute("data-tk-column")] = control.value;
          });
          return values;
        });
      }
    });
    return answers;
  };

  TemplateForm.prototype.fill = function (answers) {
    this.fields.forEach(function (f) { this.fillField(f, answers[f.id]); }, this);
  };

  TemplateForm.prototype.fillField = function (f, value) {
    var self = this;
    if (f.control) {
      f.control.value = value === undefined ? "" : value;
      this.clearError(f.control);
    } else if (f.type === "choices") {
      f.el.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = Array.isArray(value) && value.indexOf(box.value) >= 0;
      });
    } else if (f.list) {
      while (f.list.firstChild) f.list.firstChild.remove();
      var rows = Array.isArray(value) ? value : [];
      if (!Array.isArray(value)) for (var i = 0; i < f.defaultRows; i++) rows.push({});
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
      earlier: this.earlier
    };
  };

  // -- saving on this device -------------------------------------------------------------

  TemplateForm.prototype.load = function () {
    var self = this;
    // What the reader typed or ticked before this script ran (a slow
    // connection) is kept: it is newer than anything saved.
    var typed = this.collect();
    Object.keys(typed).forEach(function (id) { if (self.byId[id].list) delete typed[id]; });
    var record = null;
    if (!this.storage) {
      this.warn(this.t("storage_unavailable"));
    } else {
      var raw = null;
      try { raw = this.storage.getItem(this.key); } catch (err) { raw = null; }
      if (raw) {
        try { record = JSON.parse(raw); } catch (err) { record = null; }
        if (!isObject(record) || !isObject(record.answers)) {
          record = null;
          // Keep the unreadable text beside the answers instead of overwriting it.
          try { this.storage.setItem(this.key + ":unreadable", raw); } catch (err) { /* full */ }
          this.warn(this.t("storage_corrupt"));
        }
      }
    }
    var answers = {};
    if (record) {
      this.keepEarlier(record.earlier);
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
    if (!this.storage) return;
    var self = this;
    this.setStatus(this.t("storage_saving"));
    if (pendingSave) clearTimeout(pendingSave.timer);
    pendingSave = { form: this, timer: setTimeout(flushSave, SAVE_DELAY) };
    pendingSave.run = function () { self.saveNow(); };
  };

  TemplateForm.prototype.saveNow = function () {
    if (!this.storage) return;
    try {
      var record = this.record();
      this.storage.setItem(this.key, JSON.stringify(record));
      this.base = record.answers;
      this.setStatus(this.t("storage_saved"));
    } catch (err) {
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
    if (!this.el.status) return;
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

  // -- rows -------------------------------------------------------------------------------

  TemplateForm.prototype.rowName = function (f, n) {
    return this.t(f.type === "signatures" ? "template_signatory" : "template_row", { n: n });
  };

  TemplateForm.prototype.addRow = function (f, values) {
    var k = ++this.rowCounter;
    var row = f.template.content.firstElementChild.cloneNode(true);
    row.querySelectorAll("[id], [for], [name], [aria-describedby]").forEach(function (el) {
      ["id", "for", "name", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.split("--N--").join("--" + k + "--"));
      });
    });
    row.querySelectorAll("[data-tk-column]").forEach(function (col) {
      var value = values[col.getAttribute("data-tk-column")];
      if (value !== undefined) col.querySelector("input, textarea, select").value = value;
    });
    f.list.appendChild(row);
    this.renumber(f);
    return row;
  };

  TemplateForm.prototype.removeRow = function (f, row) {
    var rows = Array.prototype.slice.call(f.list.children);
    var index = rows.indexOf(row);
    var name = this.rowName(f, index + 1);
    var written = Array.prototype.some.call(row.querySelectorAll("input, textarea, select"),
      function (control) { return control.value !== ""; });
    // A row with something written in it goes only when the reader says so.
    if (written && !window.confirm(this.t("template_remove_row_confirm", { row: name }))) return;
    var before = this.snapshot();
    row.remove();
    this.renumber(f);
    // Focus the row that took its place, else the one before, else "Add a row".
    var next = f.list.children[index] || f.list.children[index - 1];
    if (next) this.focusFirst(next);
    else f.el.querySelector("[data-tk-action=add-row]").focus();
    this.changed();
    if (written) this.offerUndo(before, this.t("template_row_removed", { row: name }));
    else this.announce(this.t("template_row_removed", { row: name }));
  };

  TemplateForm.prototype.renumber = function (f) {
    Array.prototype.forEach.call(f.list.children, function (row, i) {
      row.querySelector("[data-tk-row-legend]").textContent = this.rowName(f, i + 1);
      row.querySelector("[data-tk-action=remove-row]").textContent = this.t(
        f.type === "signatures" ? "template_remove_signatory" : "template_remove_row", { n: i + 1 });
    }, this);
  };

  TemplateForm.prototype.focusFirst = function (container) {
    var control = container.querySelector("input, textarea, select, button");
    if (control) control.focus();
  };

  // -- checks -------------------------------------------------------------------------------

  TemplateForm.prototype.labelOf = function (control) {
    var holder = control.closest("[data-tk-column]") || control.closest("[data-tk-field]");
    return holder ? holder.getAttribute("data-tk-label") : "";
  };

  TemplateForm.prototype.validate = function (control, checkRequired) {
    var label = this.labelOf(control);
    if (control.type === "email" && control.validity.typeMismatch) {
      this.showError(control, this.t("template_email_error", { field: label }));
    } else if (control.type === "number" && control.validity.badInput) {
      this.showError(control, this.t("template_number_error", { field: label }));
    } else if (checkRequired && control.required && control.value.trim() === "") {
      this.showError(control, this.t("template_field_required_error", { field: label }));
    } else {
      this.clearError(control);
    }
  };

  TemplateForm.prototype.showError = function (control, message) {
    var id = control.id + "-error";
    var error = document.getElementById(id);
    if (!error) {
      error = document.createElement("p");
      error.className = "tk-field__error";
      error.id = id;
      control.insertAdjacentElement("afterend", error);
      var described = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      described.push(id);
      control.setAttribute("aria-describedby", described.join(" "));
    }
    error.textContent = message;
    control.setAttribute("aria-invalid", "true");
  };

  TemplateForm.prototype.clearError = function (control) {
    var id = control.id + "-error";
    var error = document.getElementById(id);
    if (error) error.remove();
    var described = (control.getAttribute("aria-describedby") || "").split(/\s+/)
      .filter(function (x) { return x && x !== id; });
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
    control.removeAttribute("aria-invalid");
  };

  // Required fields still empty, each with the control to take the reader to.
  TemplateForm.prototype.missing = function (answers) {
    var self = this;
    var out = [];
    this.fields.forEach(function (f) {
      var value = answers[f.id];
      if (f.control) {
        if (f.required && (value === undefined || String(value).trim() === "")) {
          out.push({ label: f.label, section: f.section, target: f.control });
        }
      } else if (f.type === "choices") {
        if (f.required && !(value && value.length)) {
          out.push({ label: f.label, section: f.section, target: f.el.querySelector("input") });
        }
      } else if (f.list) {
        var rows = Array.prototype.slice.call(f.list.children);
        if (f.required && !value.some(anyValue)) {
          out.push({ label: f.label, section: f.section,
                     target: rows[0] ? rows[0].querySelector("input, textarea, select")
                                     : f.el.querySelector("[data-tk-action=add-row]") });
        }
        value.forEach(function (row, i) {
          if (!anyValue(row)) return; // an empty row is not an answer to check
          f.columns.forEach(function (c) {
            if (c.required && !(row[c.id] && row[c.id].trim())) {
              out.push({ label: self.t("template_in_row", { field: f.label, row: self.rowName(f, i + 1),
                                                            column: c.label }),
                         section: f.section,
                         target: rows[i].querySelector("[data-tk-column='" + c.id + "'] input, " +
                                                       "[data-tk-column='" + c.id + "'] textarea, " +
                                                       "[data-tk-column='" + c.id + "'] select") });
            }
          });
        });
      }
    });
    return out;
  };

  TemplateForm.prototype.showCompleteness = function (answers) {
    var box = this.el.completeness;
    if (!box) return;
    var self = this;
    var missing = this.missing(answers);
    if (!this.completeness) {
      // Built once so an open list stays open while the reader types.
      var done = document.createElement("p");
      done.className = "tk-completeness__done";
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      var list = document.createElement("ul");
      details.appendChild(summary);
      details.appendChild(list);
      box.appendChild(done);
      box.appendChild(details);
      this.completeness = { done: done, details: details, summary: summary, list: list };
    }
    var c = this.completeness;
    box.hidden = false;
    c.done.hidden = missing.length > 0;
    c.details.hidden = missing.length === 0;
    c.done.textContent = this.t("template_complete");
    c.summary.textContent = this.t("template_missing", { count: missing.length });
    while (c.list.firstChild) c.list.firstChild.remove();
    missing.forEach(function (m) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + m.target.id;
      link.textContent = m.label;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        m.target.scrollIntoView({ block: "center" });
        m.target.focus();
        if (m.target.matches("input:not([type=checkbox]), textarea, select")) self.validate(m.target, true);
      });
      item.appendChild(link);
      if (m.section) {
        var where = document.createElement("span");
        where.className = "tk-completeness__section";
        where.textContent = " (" + m.section + ")";
        item.appendChild(where);
      }
      c.list.appendChild(item);
    });
  };

  // -- what the page shows besides the fields ----------------------------------------------

  TemplateForm.prototype.refresh = function () {
    var answers = this.collect();
    this.showCompleteness(answers);
    this.showEarlier();
    this.preparePrint(answers);
  };

  TemplateForm.prototype.showEarlier = function () {
    var box = this.el.earlier;
    if (!box) return;
    var list = this.el.earlierList;
    while (list.firstChild) list.firstChild.remove();
    var keys = Object.keys(this.earlier);
    keys.forEach(function (key) {
      var wrap = document.createElement("div");
      var term = document.createElement("dt");
      term.textContent = this.earlier[key].label;
      var value = document.createElement("dd");
      value.textContent = this.describe(this.earlier[key].value);
      wrap.appendChild(term);
      wrap.appendChild(value);
      list.appendChild(wrap);
    }, this);
    box.hidden = keys.length === 0;
  };

  // Any saved value as readable text (earlier answers may have any shape).
  TemplateForm.prototype.describe = function (value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) {
      return value.map(function (v) { return this.describe(v); }, this)
        .filter(function (v) { return v !== ""; }).join("; ");
    }
    if (isObject(value)) {
      return Object.keys(value).map(function (k) { return k + ": " + this.describe(value[k]); }, this)
        .join(", ");
    }
    return String(value);
  };

  // Paper shows values, not widgets: copy each answer into its print twin.
  TemplateForm.prototype.preparePrint = function (answers) {
    var self = this;
    this.fields.forEach(function (f) {
      var value = answers[f.id];
      if (f.control) {
        var twin = f.el.querySelector("[data-tk-print-value]");
        twin.textContent = value === undefined ? "" : (f.type === "date" ? longDate(value) : value);
        f.el.toggleAttribute("data-tk-answered", value !== undefined && value.trim() !== "");
      } else if (f.type === "choices") {
        f.el.toggleAttribute("data-tk-answered", !!(value && value.length));
      } else if (f.list) {
        var filled = f.el.querySelector("[data-tk-print-filled]");
        while (filled.firstChild) filled.firstChild.remove();
        var has = value.some(anyValue);
        f.el.toggleAttribute("data-tk-answered", has);
        if (!has) return;
        var copy = f.el.querySelector("[data-tk-print-blank]").cloneNode(true);
        copy.removeAttribute("data-tk-print-blank");
        copy.classList.remove("tk-print-only");
        var rows = copy.querySelectorAll("[data-tk-print-row]");
        var proto = rows[0];
        var parent = proto.parentNode;
        Array.prototype.forEach.call(rows, function (r) { r.remove(); });
        value.forEach(function (row, i) {
          var line = proto.cloneNode(true);
          var heading = line.querySelector(".tk-sign__heading");
          if (heading) heading.textContent = self.rowName(f, i + 1);
          line.querySelectorAll("[data-tk-cell]").forEach(function (cell) {
            var col = cell.getAttribute("data-tk-cell");
            var type = (f.columns.filter(function (c) { return c.id === col; })[0] || {}).type;
            var text = row[col] || "";
            cell.textContent = type === "date" ? longDate(text) : text;
          });
          parent.appendChild(line);
        });
        filled.appendChild(copy);
      }
    });
  };

  TemplateForm.prototype.print = function (blank) {
    flushSave();
    this.refresh();
    var html = document.documentElement;
    if (blank) {
      html.classList.add("tk-template-blank");
      // Blank stays on until the printout is done (afterprint), so a print
      // preview that is re-rendered stays blank.
      window.addEventListener("afterprint", function off() {
        html.classList.remove("tk-template-blank");
        window.removeEventListener("afterprint", off);
      });
    } else {
      html.classList.remove("tk-template-blank");
    }
    window.print();
  };

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
    if (this.storage) {
      try { this.storage.removeItem(this.key); } catch (err) { /* nothing saved to remove */ }
    }
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
    this.undoState = before;
    this.tell(message + " " + this.t("undo_offered"));
    if (this.el.undo) this.el.undo.hidden = false;
  };

  TemplateForm.prototype.hideUndo = function () {
    this.undoState = null;
    if (this.el.undo) this.el.undo.hidden = true;
  };

  TemplateForm.prototype.undo = function () {
    var before = this.undoState;
    if (!before) return;
    var focusWasOnUndo = document.activeElement === this.el.undo;
    this.hideUndo();
    this.earlier = before.earlier;
    this.fill(before.answers);
    this.refresh();
    this.saveNow();
    this.tell(this.t("undone"));
    if (focusWasOnUndo) this.el.notice.focus(); // the button is gone: stay where it was
  };

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

  TemplateForm.prototype.markdown = function () {
    var self = this;
    var answers = this.collect();
    var none = "*" + mdEscape(this.t("template_not_answered")) + "*";
    var show = function (type, v) { return mdEscape(type === "date" ? longDate(v) : v); };
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
        else if (f.type === "textarea") out.push(label, "", show(f.type, value).replace(/\n/g, "  \n"), "");
        else out.push(label + " " + show(f.type, value), "");
      } else if (f.type === "choices") {
        if (!value) out.push(label + " " + none, "");
        else out.push(label, "", value.map(function (v) { return "- " + mdEscape(v); }).join("\n"), "");
      } else if (f.type === "signatures") {
        out.push(label, "");
        if (!value.length) out.push(none, "");
        value.forEach(function (row, i) {
          var lines = ["**" + mdEscape(self.rowName(f, i + 1)) + "**"];
          f.columns.forEach(function (c) {
            lines.push(mdEscape(c.label) + ": " + (row[c.id] ? show(c.type, row[c.id]) : "\\_".repeat(20)));
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
            return row[c.id] ? show(c.type, row[c.id]).replace(/\s*\n\s*/g, " ") : "";
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

  // -- wiring ---------------------------------------------------------------------------------

  function setup() {
    flushSave(); // an answer typed just before navigating away is not lost
    var root = document.querySelector("[data-tk-template]");
    if (!root) { current = null; return; }
    if (current && current.root === root) return;
    current = new TemplateForm(root);
  }

  // Another tab or window saved (or cleared) this template.
  window.addEventListener("storage", function (event) {
    if (current && event.key === current.key) current.fromOtherTab(event.newValue);
  });
  window.addEventListener("pagehide", flushSave);

  // As served, and from the offline folder (file://), where document$ never emits.
  window.partnershipToolkit.onEveryPage(setup);
})();
