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
    c.summary.textContent = this.t("template_missing", { count: missing.length }, missing.length);
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

