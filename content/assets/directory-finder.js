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

  /* "local" when the service has an address in the place, "serving" when its area covers the
     place or an area around it, false otherwise. */
  function placeMatch(row, placeIndex) {
    if (placeIndex === -1) return "local";
    var local = row[4].some(function (p) { return ancestors[p].indexOf(placeIndex) !== -1; });
    if (local) return "local";
    var around = ancestors[placeIndex];
    return row[5].some(function (p) { return around.indexOf(p) !== -1; }) ? "serving" : false;
  }

  function filter(s) {
    var need = data.needs.indexOf(s.need);
    var place = s.place ? data.places.findIndex(function (p) { return p[0] === s.place; }) : -1;
    var lang = data.languages.indexOf(s.lang);
    var when = moment(s);
    var result = { local: [], serving: [], noHours: 0 };
    data.services.forEach(function (row) {
      if (s.need && row[3].indexOf(need) === -1) return;
      if (s.lang && row[6].indexOf(lang) === -1) return;
      if (s.free && row[7] !== "free") return;
      if (s.access.length && !s.access.some(function (a) { return row[8].indexOf(a) !== -1; })) return;
      var where = placeMatch(row, place);
      if (!where) return;
      if (when) {
        if (!row[9].length) { result.noHours += 1; return; }
        if (!openAt(row[9], when)) return;
      }
      result[where].push(row);
    });
    return result;
  }

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function item(row) {
    var li = document.createElement("li");
    var link = text("a", row[1]);
    link.href = "../services/" + encodeURIComponent(row[0]) + "/";
    var title = document.createElement("p");
    title.className = "finder__name";
    title.appendChild(link);
    li.appendChild(title);
    li.appendChild(text("p", data.organisations[row[2]], "finder__org"));
    var facts = [];
    var places = row[4].length ? row[4] : row[5];
    if (places.length) {
      facts.push((row[4].length ? "" : labels.serves + " ") +
        places.map(function (p) { return placeNames[data.places[p][0]]; }).join(", "));
    }
    facts.push(labels.cost[row[7]]);
    if (row[8].length) facts.push(row[8].map(function (a) { return labels.access[a]; }).join(", "));
    li.appendChild(text("p", facts.join(" · "), "finder__facts"));
    li.appendChild(text("p", labels.languages + ": " + row[6].map(function (l) {
      return languageNames[data.languages[l]] || data.languages[l];
    }).join(", "), "finder__facts"));
    return li;
  }

  function draw(result, s) {
    var rows = result.local.concat(result.serving);
    var total = rows.length;
    var message = labels.count.replace("{count}", total);
    if (s.place && result.serving.length) {
      message += " " + labels.split.replace("{local}", result.local.length)
        .replace("{serving}", result.serving.length);
    }
    if (result.noHours) message += " " + labels.no_hours.replace("{count}", result.noHours);
    if (!total) message += " " + labels.nothing;
    countOut.textContent = message;
    var limit = showAll ? total : Math.min(total, FIRST);
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < limit; i++) {
      if (s.place && i === result.local.length && result.serving.length) {
        fragment.appendChild(text("li", labels.serving_heading, "finder__divider"));
      }
      fragment.appendChild(item(rows[i]));
    }
    list.replaceChildren(fragment);
    moreWrap.hidden = limit >= total;
  }

  function update(push) {
    var s = state();
    form.querySelector(".finder__when").hidden = s.open !== "at";
    var query = toQuery(s);
    if (push) history.replaceState(null, "", query ? "?" + query : location.pathname);
    if (data) draw(filter(s), s);
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
