/* What every page's scripts share: where readers' answers are saved, filling
   words in, and handing the reader a file. */

  // Where this toolkit lives (this script is <site>/assets/toolkit/toolkit.js):
  // part of every storage key, so two toolkits published on one host, e.g. on
  // GitHub Pages, never share or overwrite each other's answers.
  var SITE_PATH = (function () {
    var script = document.currentScript;
    var src = script && script.src ? script.src : "";
    var cut = src.lastIndexOf("/assets/toolkit/");
    if (cut < 0) return "/";
    var path = new URL(src.slice(0, cut + 1), location.href).pathname;
    // A translation's site is the toolkit's, one folder down (e.g. /toolkit/cy/):
    // its answers are the toolkit's, so a reader who switches language keeps them.
    var root = document.querySelector("meta[name=tk-language-root]");
    var below = root ? root.getAttribute("content") : "";
    if (below && path.slice(-below.length) === below) path = path.slice(0, -below.length);
    return path;
  })();

  var pt = window.partnershipToolkit = {
    /* Run ``setUp`` for the page as loaded and again for each page Material's
       instant navigation shows (document$). document$ never emits in the
       offline copy opened from the file system (file://), so the page as
       loaded is always set up on its own too; every set-up is idempotent. */
    onEveryPage: function (setUp) {
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () { setUp(); });
      } else {
        setUp();
      }
      if (window.document$ && typeof window.document$.subscribe === "function") {
        window.document$.subscribe(function () { setUp(); });
      }
    },

    /* "tk:<site path>:<kind>:<id>", e.g. tk:/toolkit/:checklist:getting-started */
    storageKey: function (kind, id) {
      return "tk:" + SITE_PATH + ":" + kind + ":" + id;
    },

    /* "{done} of {total} done" with {done} and {total} filled in; unknown names stay. */
    fill: function (text, values) {
      return String(text || "").replace(/\{(\w+)\}/g, function (whole, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name)
          ? String(values[name]) : whole;
      });
    },

    /* A date ("2026-12-02", or a Date) as the toolkit's language writes it in
       full, e.g. "2 Rhagfyr 2026": by the pattern and month names the build
       wrote from CLDR, so every browser agrees (some lack a language's words);
       by the browser's own words when a page has none. */
    longDate: function (value) {
      var date = value instanceof Date ? value : null;
      if (!date) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
        var parts = value.split("-");
        date = new Date(+parts[0], +parts[1] - 1, +parts[2]);
      }
      var meta = document.querySelector("meta[name=tk-date-format]");
      var months = meta ? (meta.getAttribute("data-months") || "").split("|") : [];
      if (!meta || months.length !== 12) {
        try {
          return date.toLocaleDateString(document.documentElement.lang || undefined,
            { year: "numeric", month: "long", day: "numeric" });
        } catch (err) {
          return value instanceof Date ? date.toISOString().slice(0, 10) : value;
        }
      }
      var fields = { d: date.getDate(), M: date.getMonth() + 1, y: date.getFullYear() };
      // CLDR's pattern letters; 'quoted' text is shown as written.
      return meta.getAttribute("content").replace(/'([^']*)'|d+|M+|y+|L+/g, function (token, text) {
        if (text !== undefined) return text || "'";
        var letter = token.charAt(0) === "L" ? "M" : token.charAt(0);
        if (letter === "M" && token.length >= 3) return months[date.getMonth()];
        var n = String(fields[letter]);
        return token.length === 2 && n.length < 2 ? "0" + n : n;
      });
    },

    /* Offer ``text`` as a download called ``name``; nothing leaves the browser. */
    saveFile: function (name, text, type) {
      var url = URL.createObjectURL(new Blob([text], { type: type }));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }
  };
