/* Record text in right-to-left pages, for the scripts that build it in the browser (finder
   cards, map popups): each run of Latin script and digits (a Czech name, "o.p.s.", a number)
   in its own left-to-right <bdi>, so its brackets and dots stay in place, the rest as text
   nodes. The same rule as isolate_latin in hooks/directory/render/formatting.py, which writes
   the pages. Text only: nothing is parsed as HTML. */
(function () {
  "use strict";

  var LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff0-9";
  var INSIDE = LATIN + "\u0300-\u036f .,:;/\\\\_@&'\u2019()\\[\\]+#%?=~*!\\-\u2013\u2014";
  var RUN = new RegExp("\\+?[" + LATIN + "](?:[" + INSIDE + "]*[" + LATIN + "])?", "g");

  function count(value, character) { return value.split(character).length - 1; }

  /* Where a run ends once its closing bracket and an abbreviation's dot are taken in. */
  function runEnd(value, start, end) {
    var run = value.slice(start, end), next = value.charAt(end);
    if ((next === ")" && count(run, "(") > count(run, ")")) ||
        (next === "]" && count(run, "[") > count(run, "]"))) return runEnd(value, start, end + 1);
    if (next === ".") {
      var after = value.charAt(end + 1);
      if (run.split(" ").pop().indexOf(".") >= 0 ||
          (after && !/\s/.test(after) && !/\p{L}/u.test(after))) return end + 1;
    }
    return end;
  }

  /* `value` into `element`: isolated runs where the page reads right to left, else text. */
  function isolated(element, value) {
    if (getComputedStyle(document.body).direction !== "rtl") {
      element.textContent = value;
      return element;
    }
    var done = 0, match;
    RUN.lastIndex = 0;
    while ((match = RUN.exec(value)) !== null) {
      if (match.index < done) continue;
      var end = runEnd(value, match.index, match.index + match[0].length);
      element.appendChild(document.createTextNode(value.slice(done, match.index)));
      var run = document.createElement("bdi");
      run.dir = "ltr";
      run.textContent = value.slice(match.index, end);
      element.appendChild(run);
      done = RUN.lastIndex = end;
    }
    element.appendChild(document.createTextNode(value.slice(done)));
    return element;
  }

  window.RozcestnikBidi = { isolated: isolated };
})();
