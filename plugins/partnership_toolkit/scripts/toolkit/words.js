  /* The words a page's script shows, from strings/en.yml or the toolkit's own
     data/strings.yml, given by the page as JSON in data-tk-words.

     words.t(key, {name: value}) fills {name} placeholders. A word with plural
     forms is a mapping of the categories of the page's language (one, two,
     few, many, other, as Intl.PluralRules names them); words.t(key, values,
     count) picks the form for ``count``, and falls back to "other". */
  pt.words = function (root) {
    var table = {};
    try {
      table = JSON.parse(root.getAttribute("data-tk-words")) || {};
    } catch (err) { /* missing words show their keys; the page still works */ }
    var rules = null;
    try {
      rules = new Intl.PluralRules(document.documentElement.lang || undefined);
    } catch (err) { rules = null; }
    return {
      t: function (key, values, count) {
        var word = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
        if (word && typeof word === "object") {
          var form = count !== undefined && rules ? rules.select(count) : "other";
          word = word[form] !== undefined ? word[form] : word.other;
        }
        return pt.fill(word, values);
      }
    };
  };
