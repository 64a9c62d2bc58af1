  // -- what the page shows besides the fields ----------------------------------------------

  TemplateForm.prototype.refresh = function () {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
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

  // A keystroke redraws the field typed in, so its print copy is always
  // current; what is missing and earlier answers follow once typing pauses.
  TemplateForm.prototype.typed = function (target) {
    this.hideUndo(); // Undo puts back what an action removed, never over newer typing
    var holder = target.closest("[data-tk-field]");
    var f = holder && this.byId[holder.getAttribute("data-tk-field")];
    if (f) this.printField(f, this.collectField(f));
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    var self = this;
    this.refreshTimer = setTimeout(function () { self.refresh(); }, REFRESH_DELAY);
    this.scheduleSave();
  };

  // Paper shows values, not widgets: copy each answer into its print twin.
  TemplateForm.prototype.preparePrint = function (answers) {
    this.fields.forEach(function (f) { this.printField(f, answers[f.id]); }, this);
  };

  TemplateForm.prototype.printField = function (f, value) {
    var self = this;
    if (f.control) {
      var twin = f.el.querySelector("[data-tk-print-value]");
      twin.textContent = value === undefined ? "" : (f.type === "date" ? longDate(value) : shownAs(f, value));
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

