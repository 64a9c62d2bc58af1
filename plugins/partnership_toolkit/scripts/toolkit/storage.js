  /* Storage that never throws and never hides what is saved.

     localStorage may be missing, refuse access (private browsing, blocked
     cookies) or be full. Reading is the test: a full storage still gives back
     what it holds (a test write would fail there, and hide everything saved).
     When it cannot be used the page keeps answers in memory, and
     ``persistent`` is false so the page can say so. */
  pt.openStore = function () {
    var memory = {};
    var has = function (key) { return Object.prototype.hasOwnProperty.call(memory, key); };
    var store = {
      persistent: false,
      read: function (key) { return has(key) ? memory[key] : null; },
      write: function (key, value) { memory[key] = value; return true; },
      remove: function (key) { delete memory[key]; return true; }
    };
    var ls;
    try {
      ls = window.localStorage;
      ls.getItem("tk:probe");
    } catch (err) {
      return store;
    }
    store.persistent = true;
    store.read = function (key) {
      try { return ls.getItem(key); } catch (err) { return has(key) ? memory[key] : null; }
    };
    // false when the browser refused (storage full): the text is still in memory.
    store.write = function (key, value) {
      memory[key] = value;
      try { ls.setItem(key, value); return true; } catch (err) { return false; }
    };
    store.remove = function (key) {
      delete memory[key];
      try { ls.removeItem(key); return true; } catch (err) { return false; }
    };
    return store;
  };

  /* After a save, ``owner.catchUp()`` runs again once saves have settled
     (after 0.3 s, then 1.5 s). Two tabs saving at the same instant can each
     miss the other's storage event (the browser keeps one of the two saves),
     so each looks again at what is saved, and merges. */
  pt.lookAgainSoon = function (owner) {
    clearTimeout(owner.lookingAgain);
    owner.lookingAgain = setTimeout(function () {
      owner.catchUp();
      owner.lookingAgain = setTimeout(function () { owner.catchUp(); }, 1200);
    }, 300);
  };
