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

  // Instant navigation runs this script again on each page that links it:
  // set up once, then follow every page through document$.
  if (window.__tkTemplateScript) return;
  window.__tkTemplateScript = true;

  var FORMAT = "partnership-toolkit/template-draft";
  var FORMAT_VERSION = 1;
  var SAVE_DELAY = 400; // ms after the last keystroke
  // What is missing and earlier answers are shown again this long after the
  // last keystroke: typing redraws only the field typed in (see typed).
  var REFRESH_DELAY = 150;
  var pt = window.partnershipToolkit;  // the toolkit.js bundle (scripts/toolkit/)
  // Drafts are saved under tk:<site path>:template:<id>.
  var STORAGE_PREFIX = pt.storageKey("template", "");
  var SIMPLE = ["text", "textarea", "date", "number", "email", "choice"];

  var current = null; // the template form on the page now
  var pendingSave = null; // a save waiting for its delay, flushed on navigation

  // -- small helpers ------------------------------------------------------------------

  // A draft is a few kilobytes; anything much bigger is another file.
  var MAX_IMPORT_BYTES = 5 * 1048576;

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
    return pt.longDate(value);
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

  // A saved record's times of change, kept only where they are numbers.
  function times(value) {
    var out = {};
    if (isObject(value)) {
      Object.keys(value).forEach(function (k) { if (typeof value[k] === "number") out[k] = value[k]; });
    }
    return out;
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

  var saveFile = pt.saveFile;

  // Markdown that shows the reader's text exactly as typed.
  function mdEscape(text) {
    return String(text)
      .replace(/([\\`*_[\]{}<>|#])/g, "\\$1")
      .replace(/^(\s*)([-+=>]|\d+\.)/gm, "$1\\$2");
  }

