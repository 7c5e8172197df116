/* Rozcestník referral finder: filters the services of ../finder.json in the browser.
   The filter state lives in the URL (a clerk can send or print the result); the data is loaded
   once, so changing filters works offline. Text from the data is only ever set as text. */
(function () {
  "use strict";
  var form = document.getElementById("finder");
  if (!form) return;
  var labels = JSON.parse(document.getElementById("finder-labels").textContent);
  var countOut = document.getElementById("finder-count");
  var list = document.getElementById("finder-results");
  var moreWrap = document.getElementById("finder-more-wrap");
  var FIRST = 100; // rows drawn at first; the rest on request, so 5,000 results stay quick
  var DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"];
  var data = null;
  var ancestors = []; // place index -> itself and every place it lies in
  var showAll = false;

  function optionLabels(select) {
    var out = {};
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      out[option.value] = option.getAttribute("data-name") || option.textContent.trim();
    }
    return out;
  }
  var placeNames = optionLabels(form.elements.place);
  var languageNames = optionLabels(form.elements.lang);

  function buildAncestors() {
    ancestors = data.places.map(function (_, index) {
      var chain = [], current = index;
      while (current !== -1 && chain.indexOf(current) === -1) {
        chain.push(current);
        current = data.places[current][1];
      }
      return chain;
    });
  }

  /* Weekday (0 = Monday) and minute of the day in Prague, whatever the device's zone:
     the time zone database gives the right offset on both sides of a daylight-saving change. */
  function pragueNow() {
    var parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Prague", weekday: "short", hour: "2-digit", minute: "2-digit",
      hourCycle: "h23"
    }).formatToParts(new Date());
    var get = function (type) {
      return parts.filter(function (p) { return p.type === type; })[0].value;
    };
    var day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(get("weekday"));
    return { day: day, minute: parseInt(get("hour"), 10) * 60 + parseInt(get("minute"), 10) };
  }

  function openAt(hours, moment) {
    return hours.some(function (h) {
      return (h[0] & (1 << moment.day)) && h[1] <= moment.minute && moment.minute < h[2];
    });
  }

  function state() {
    var access = [];
    var boxes = form.querySelectorAll("input[name=access]:checked");
    for (var i = 0; i < boxes.length; i++) access.push(boxes[i].value);
    var open = form.querySelector("input[name=open]:checked");
    return {
      need: form.elements.need.value, place: form.elements.place.value,
      lang: form.elements.lang.value, free: form.elements.free.checked,
      access: access, open: open ? open.value : "",
      day: form.elements.day.value, time: form.elements.time.value
    };
  }

  function toQuery(s) {
    var q = new URLSearchParams();
    ["need", "place", "lang"].forEach(function (k) { if (s[k]) q.set(k, s[k]); });
    if (s.free) q.set("free", "1");
    if (s.access.length) q.set("access", s.access.join(","));
    if (s.open === "now") q.set("open", "now");
    if (s.open === "at") q.set("open", s.day + "-" + s.time);
    return q.toString();
  }

  function setSelect(select, value) {
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
      select.value = value;
    }
  }

  function fromQuery(query) {
    var q = new URLSearchParams(query);
    setSelect(form.elements.need, q.get("need"));
    setSelect(form.elements.place, q.get("place"));
    setSelect(form.elements.lang, q.get("lang"));
    form.elements.free.checked = q.get("free") === "1";
    var access = (q.get("access") || "").split(",");
    var boxes = form.querySelectorAll("input[name=access]");
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = access.indexOf(boxes[i].value) !== -1;
    var open = q.get("open") || "";
    var at = /^(mo|tu|we|th|fr|sa|su)-(\d\d:\d\d)$/.exec(open);
    var mode = open === "now" ? "now" : at ? "at" : "";
    if (at) { form.elements.day.value = at[1]; form.elements.time.value = at[2]; }
    form.querySelector('input[name=open][value="' + mode + '"]').checked = true;
  }

  function moment(s) {
    if (s.open === "now") return pragueNow();
    if (s.open !== "at" || !/^\d\d:\d\d$/.test(s.time)) return null;
    var hm = s.time.split(":");
    return { day: DAYS.indexOf(s.day), minute: parseInt(hm[0], 10) * 60 + parseInt(hm[1], 10) };
  }

  /* The places from the chosen one outwards: itself, its town, region and country. */
  function chainOf(placeId) {
    if (!placeId) return [];
    var index = data.places.findIndex(function (p) { return p[0] === placeId; });
    return index === -1 ? [] : ancestors[index];
  }

  /* Which group a service falls in for the chosen place, nearest first: 0 when it has an
     address in the place (or inside it) or serves it or a part of it; n when its areas
     cover the n-th place around it (town, region, country); -1 when it does not serve it. */
  function groupOf(row, chain) {
    if (!chain.length) return 0;
    var inside = function (p) { return ancestors[p].indexOf(chain[0]) !== -1; };
    if (row[4].some(inside) || row[5].some(inside)) return 0;
    var best = -1;
    row[5].forEach(function (p) {
      var at = chain.indexOf(p);
      if (at > 0 && (best === -1 || at < best)) best = at;
    });
    return best;
  }

  /* The service's own hours, else those of its addresses (as its page shows them). */
  function hoursOf(row) {
    if (row[9].length) return row[9];
    return row[10].reduce(function (all, a) { return all.concat(data.addresses[a][1]); }, []);
  }

  function filter(s, chain) {
    var need = data.needs.indexOf(s.need);
    var lang = data.languages.indexOf(s.lang);
    var when = moment(s);
    var result = { groups: chain.map(function () { return []; }), noHours: 0 };
    if (!chain.length) result.groups = [[]];
    data.services.forEach(function (row) {
      if (s.need && row[3].indexOf(need) === -1) return;
      if (s.lang && row[6].indexOf(lang) === -1) return;
      if (s.free && row[7] !== "free") return;
      if (s.access.length && !s.access.some(function (a) { return row[8].indexOf(a) !== -1; })) return;
      var group = groupOf(row, chain);
      if (group === -1) return;
      if (when) {
        var hours = hoursOf(row);
        if (!hours.length) { result.noHours += 1; return; }
        if (!openAt(hours, when)) return;
      }
      result.groups[group].push(row);
    });
    return result;
  }

  function groupHeading(chain, group, count) {
    var place = data.places[chain[group]];
    var kind = group === 0 ? "here" : place[2] === "country" ? "country"
      : place[2] === "region" || place[2] === "district" ? "region" : "town";
    var label = labels.groups[kind].replace("{place}", placeNames[place[0]] || place[0]);
    return text("li", label + " (" + count + ")", "finder__divider");
  }

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  /* Record text on a right-to-left page: Latin runs isolated (assets/directory-bidi.js). */
  function isolated(tag, value, className) {
    return window.RozcestnikBidi.isolated(text(tag, "", className), value);
  }

  /* Numbers, times and addresses read left to right inside right-to-left text. */
  function ltr(value) {
    var span = text("span", value);
    span.dir = "ltr";
    return span;
  }

  function clock(minute) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(Math.floor(minute / 60)) + ":" + pad(minute % 60);
  }

  /* Today's hours and whether it is open now, as nodes to append to a line of the card;
     "hours not known" when no source gives any (never a guess). */
  function hoursNodes(hours, now) {
    if (!hours.length) return [document.createTextNode(labels.hours_unknown)];
    var today = hours.filter(function (h) { return h[0] & (1 << now.day); })
      .sort(function (a, b) { return a[1] - b[1]; });
    if (!today.length) return [text("span", labels.closed_today, "finder__closed")];
    var parts = labels.today.split("{hours}");
    var ranges = today.map(function (h) { return clock(h[1]) + "–" + clock(h[2]); }).join(", ");
    var open = openAt(hours, now);
    var times = ltr(ranges);
    times.className = "finder__times";
    return [document.createTextNode(parts[0]), times, document.createTextNode(parts[1] || ""),
      document.createTextNode(" · "),
      text("span", open ? labels.open_now : labels.closed_now, open ? "finder__open" : "finder__closed")];
  }

  function line(className, nodes) {
    var p = document.createElement("p");
    p.className = className;
    nodes.forEach(function (node) { p.appendChild(node); });
    return p;
  }

  /* Where, when and how to call: each address with its hours today, the service's own hours
     when it has them, and its first phone number as a link. */
  function contactLines(row, now) {
    var lines = row[10].map(function (a) {
      var address = data.addresses[a];
      var nodes = [ltr(address[0])];
      if (!row[9].length) nodes = nodes.concat([document.createTextNode(" · ")], hoursNodes(address[1], now));
      return line("finder__where", nodes);
    });
    if (row[9].length) lines.push(line("finder__when-open", hoursNodes(row[9], now)));
    if (row[11]) {
      var call = text("a", row[11]);
      call.href = "tel:" + row[11].replace(/[^+\d]/g, "");
      lines.push(line("finder__phone", [document.createTextNode(labels.phone + ": "), call]));
    }
    return lines;
  }

  function item(row, now) {
    var li = document.createElement("li");
    var link = isolated("a", row[1]);
    link.href = "../services/" + encodeURIComponent(row[0]) + "/";
    li.appendChild(line("finder__name", [link]));
    li.appendChild(isolated("p", data.organisations[row[2]], "finder__org"));
    contactLines(row, now).forEach(function (p) { li.appendChild(p); });
    var facts = [];
    if (!row[10].length && row[5].length) {
      facts.push(labels.serves + " " +
        row[5].map(function (p) { return placeNames[data.places[p][0]]; }).join(", "));
    }
    facts.push(labels.cost[row[7]]);
    if (row[8].length) facts.push(row[8].map(function (a) { return labels.access[a]; }).join(", "));
    li.appendChild(text("p", facts.join(" · "), "finder__facts"));
    li.appendChild(text("p", labels.languages + ": " + row[6].map(function (l) {
      return languageNames[data.languages[l]] || data.languages[l];
    }).join(", "), "finder__facts"));
    return li;
  }

  function draw(result, chain) {
    var total = result.groups.reduce(function (n, g) { return n + g.length; }, 0);
    var message = labels.count.replace("{count}", total);
    if (result.noHours) message += " " + labels.no_hours.replace("{count}", result.noHours);
    if (!total) message += " " + labels.nothing;
    countOut.textContent = message;
    var limit = showAll ? total : Math.min(total, FIRST);
    var now = pragueNow();
    var fragment = document.createDocumentFragment();
    var drawn = 0;
    result.groups.forEach(function (rows, group) {
      if (!rows.length || drawn >= limit) return;
      if (chain.length) fragment.appendChild(groupHeading(chain, group, rows.length));
      for (var i = 0; i < rows.length && drawn < limit; i++, drawn++) {
        fragment.appendChild(item(rows[i], now));
      }
    });
    list.replaceChildren(fragment);
    moreWrap.hidden = limit >= total;
  }

  /* The language menu leads to the finder in another language with the same filters. */
  var languageLinks = Array.prototype.filter.call(
    document.querySelectorAll("a.md-select__link[hreflang]"),
    function (a) { return /\/finder\/$/.test(a.pathname); }
  ).map(function (a) { return { link: a, base: a.getAttribute("href") }; });

  function carryFilters(query) {
    languageLinks.forEach(function (l) {
      l.link.setAttribute("href", l.base + (query ? "?" + query : ""));
    });
  }

  function update(push) {
    var s = state();
    form.querySelector(".finder__when").hidden = s.open !== "at";
    var query = toQuery(s);
    if (push) history.replaceState(null, "", query ? "?" + query : location.pathname);
    carryFilters(query);
    if (data) {
      var chain = chainOf(s.place);
      draw(filter(s, chain), chain);
    }
  }

  form.hidden = false;
  form.addEventListener("change", function () { showAll = false; update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { showAll = false; update(true); }, 0);
  });
  document.getElementById("finder-print").addEventListener("click", function () {
    showAll = true; update(false); window.print();
  });
  document.getElementById("finder-more").addEventListener("click", function () {
    showAll = true; update(false);
  });
  window.addEventListener("popstate", function () { fromQuery(location.search); update(false); });
  fromQuery(location.search);
  update(false);
  countOut.textContent = labels.loading;
  fetch(form.getAttribute("data-data"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (loaded) { data = loaded; buildAncestors(); update(false); })
    .catch(function () { countOut.textContent = labels.failed; });
})();
