  /* The text of a file the reader chose, refused at once when it is bigger
     than anything this page ever exports (reading a huge file would freeze
     the page). ``tooBig(megabytes)`` and ``failed()`` say what went wrong. */
  pt.readChosenFile = function (input, maxBytes, use, tooBig, failed) {
    var file = input.files && input.files[0];
    input.value = ""; // the same file can be chosen again
    if (!file) return;
    if (file.size > maxBytes) {
      tooBig((file.size / 1048576).toFixed(1));
      return;
    }
    file.text().then(use, failed);
  };

  /* A reader's words as part of a file name: letters of any script kept (an
     accent dropped where a plain letter is left, so "Gwynedd Môn" gives
     "gwynedd-mon"), anything else a hyphen, at most 60 characters. */
  pt.fileSlug = function (text) {
    var plain = String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return plain.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  };
