  // -- wiring ---------------------------------------------------------------------------------

  function setup() {
    flushSave(); // an answer typed just before navigating away is not lost
    var root = document.querySelector("[data-tk-template]");
    if (!root) { current = null; return; }
    if (current && current.root === root) return;
    current = new TemplateForm(root);
    // News another page left for this one (a health check's comparison that
    // added rows to this plan), said once.
    var news = null;
    try {
      news = window.sessionStorage.getItem("tk:news");
      window.sessionStorage.removeItem("tk:news");
    } catch (err) { news = null; }
    if (news) current.tell(news);
  }

  // Another tab or window saved (or cleared) this template.
  window.addEventListener("storage", function (event) {
    // What is saved now, not the event's copy: news of several saves can arrive
    // late and out of order, and only the latest counts.
    if (current && event.key === current.key) current.catchUp();
  });
  window.addEventListener("pagehide", flushSave);
  // Printing straight after a keystroke: what is missing is shown as it is now.
  window.addEventListener("beforeprint", function () {
    if (current && current.refreshTimer) current.refresh();
  });

  // As served, and from the offline folder (file://), where document$ never emits.
  window.partnershipToolkit.onEveryPage(setup);
