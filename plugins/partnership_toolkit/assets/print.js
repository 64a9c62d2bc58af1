/* Printing, for every page: puts the toolkit's name and the page title in the
   top margin of each printed page, and the page address, the print date and
   the page number in the bottom margin (see print.css), and opens closed
   <details> so their text is on paper. Nothing here changes the page on
   screen, and it needs no words of its own. */
(function () {
  "use strict";

  var STYLE_ID = "tk-print-margins";

  function cssString(value) {
    return '"' + String(value)
      .replace(/[\r\n\t]+/g, " ")
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"') + '"';
  }

  function siteName() {
    var topic = document.querySelector(".md-header__title .md-header__topic .md-ellipsis");
    if (topic && topic.textContent.trim()) return topic.textContent.trim();
    var og = document.querySelector('meta[property="og:site_name"]');
    return og ? og.getAttribute("content") : "";
  }

  /* "Page 3 of 7" in the toolkit's words, as the build wrote it for CSS. */
  function pageCounter() {
    var meta = document.querySelector("meta[name=tk-page-counter]");
    var content = meta ? meta.getAttribute("content") : "";
    return /^[\s\w"'.,:;!?()\/&%\\-]*$/.test(content) && content.indexOf("counter(page") >= 0
      ? content : 'counter(page) " / " counter(pages)';
  }

  function pageTitle() {
    var h1 = document.querySelector(".md-content h1");
    if (!h1) return document.title;
    var copy = h1.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  function today() {
    var pt = window.partnershipToolkit;
    if (pt && pt.longDate) return pt.longDate(new Date());
    return new Date().toISOString().slice(0, 10);
  }

  function updateMargins() {
    var style = document.getElementById(STYLE_ID);
    if (!style) {
      style = document.createElement("style");
      style.id = STYLE_ID;
      document.head.appendChild(style);
    }
    var site = siteName();
    var title = pageTitle();
    var address = location.href.split("#")[0];
    style.textContent =
      "@page {" +
      " @top-left { content: " + cssString(site) + "; }" +
      " @top-right { content: " + cssString(title === site ? "" : title) + "; }" +
      " @bottom-left { content: " + cssString(address) + "; }" +
      " @bottom-right { content: " + cssString(today() + "  \u00b7  ") + " " + pageCounter() + "; }" +
      " }";
  }

  /* A printed link cannot be followed, so links to other sites print their
     address after them; links within the toolkit do not (the text says where). */
  function markExternalLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (/^https?:$/.test(a.protocol) && a.host !== location.host) {
        a.setAttribute("data-tk-print-href", a.href);
      }
    });
  }

  function setUp() {
    updateMargins();
    markExternalLinks();
  }

  var opened = [];

  function beforePrint() {
    updateMargins();
    document.querySelectorAll(".md-typeset details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      opened.push(d);
    });
  }

  function afterPrint() {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);

  // As served, and from the offline folder (file://), where document$ never emits.
  window.partnershipToolkit.onEveryPage(setUp);
})();
