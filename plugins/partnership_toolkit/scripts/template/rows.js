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

