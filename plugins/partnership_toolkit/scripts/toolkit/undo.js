  /* Undo, offered just after an action that removed ticks or answers (Clear,
     an import over them, removing a filled row), by the page's one Undo
     button (hidden until then, so without JavaScript it never shows).

     undo.offer(state) shows the button and keeps ``state``; the button gives
     it back to ``restore``. undo.drop() forgets it: call it on the reader's
     next change, so that Undo never overwrites newer work. */
  pt.undo = function (button, restore) {
    var kept = null;
    function drop() {
      kept = null;
      if (button) button.hidden = true;
    }
    if (button) {
      button.addEventListener("click", function () {
        var state = kept;
        if (state === null) return;
        var wasFocused = document.activeElement === button;
        drop();
        restore(state, wasFocused);
      });
    }
    return {
      offer: function (state) {
        kept = state;
        if (button) button.hidden = false;
      },
      drop: drop,
      offered: function () { return kept !== null; }
    };
  };
