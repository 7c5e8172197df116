/* Draws the directory's markers on a Leaflet map made by Folium.
 * Popups are built from DOM text nodes: record text is never parsed as HTML.
 * Points: {y: lat, x: lon, a: approximate, n: name, d: address, u: url, c: categories, p: places}
 *
 * Light on phones: each map page queues its map in `window.directoryMaps` (Folium's script as
 * a function); this deferred script loads Leaflet and the shared map data only when the map
 * comes near the viewport, draws the markers on one canvas and clusters them in chunks, and
 * builds a popup or tooltip only when it opens.
 */
(function () {
  "use strict";

  function text(tag, value, className) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (className) element.className = className;
    return element;
  }

  // For Leaflet APIs that only take HTML strings (the layer control's names).
  function escaped(value) {
    var box = document.createElement("div");
    box.textContent = value;
    return box.innerHTML;
  }

  function popup(point, options) {
    var box = document.createElement("div");
    box.dir = "auto";
    var link = window.RozcestnikBidi.isolated(document.createElement("a"), point.n);
    link.href = options.base + point.u;
    var title = document.createElement("strong");
    title.appendChild(link);
    box.appendChild(title);
    if (point.d) box.appendChild(window.RozcestnikBidi.isolated(document.createElement("div"), point.d));
    if (point.a) box.appendChild(text("div", options.labels.approximate, "directory-map__approximate"));
    var directions = text("a", options.labels.directions);
    directions.href = "https://www.openstreetmap.org/directions?to=" + point.y + "%2C" + point.x;
    directions.rel = "noopener";
    box.appendChild(text("div", ""));
    box.lastChild.appendChild(directions);
    return box;
  }

  function marker(point, colour, options) {
    var layer = point.a
      ? L.circleMarker([point.y, point.x], {
          radius: 11, color: colour, weight: 2, dashArray: "4 3", fillOpacity: 0.25
        })
      : L.circleMarker([point.y, point.x], {
          radius: 8, color: "#ffffff", weight: 2, fillColor: colour, fillOpacity: 0.95
        });
    // Leaflet reads a string as HTML: pass elements built from text, never strings.
    return layer
      .bindPopup(function () { return popup(point, options); })
      .bindTooltip(function () {
        return window.RozcestnikBidi.isolated(document.createElement("span"), point.n);
      });
  }

  function visible(point, show) {
    if (show.category && point.c.indexOf(show.category) < 0) return false;
    if (show.place && point.p.indexOf(show.place) < 0) return false;
    return true;
  }

  function group(clustered) {
    return clustered && L.markerClusterGroup
      ? L.markerClusterGroup({
          showCoverageOnHover: false, maxClusterRadius: 40,
          chunkedLoading: true, chunkInterval: 10, chunkDelay: 10  // no task over 50 ms on a phone
        })
      : L.featureGroup();
  }

  function draw(made, points, options) {
    var map = made.map;
    var show = options.show || {};
    var colours = options.labels.colours || {};
    var names = options.labels.categories || {};
    var markers = {};
    var bounds = [];
    points.filter(function (point) { return visible(point, show); }).forEach(function (point) {
      var key = show.category || point.c[0] || "";
      (markers[key] = markers[key] || []).push(marker(point, colours[key] || "#3f51b5", options));
      bounds.push([point.y, point.x]);
    });
    // The view first, so the clusters are made once, at the zoom they are seen at.
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
    else if (bounds.length === 1) map.setView(bounds[0], 15, { animate: false });
    made.tiles.addTo(map);  // only now: no tiles fetched for a view the map leaves at once
    later().then(function () { addMarkers(map, markers, options.cluster, show.layers ? names : null); });
  }

  function addMarkers(map, markers, clustered, names) {
    var overlays = {};
    Object.keys(markers).forEach(function (key) {
      var layer = group(clustered);
      layer.addTo(map);
      if (layer.addLayers) layer.addLayers(markers[key]);  // clustered in chunks
      else markers[key].forEach(function (one) { layer.addLayer(one); });
      if (names) overlays[escaped(names[key] || key)] = layer;
    });
    if (Object.keys(overlays).length > 1) {
      L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    }
    var count = Object.keys(markers).reduce(function (sum, key) { return sum + markers[key].length; }, 0);
    map.getContainer().setAttribute("data-markers", String(count));
  }

  var loading = {};  // each file once per page, however many maps ask for it

  function load(url, tag) {
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var element = document.createElement(tag);
        if (tag === "link") { element.rel = "stylesheet"; element.href = url; }
        else { element.src = url; element.async = false; }  // in the order asked
        element.onload = resolve;
        element.onerror = function () { reject(new Error("could not load " + url)); };
        document.head.appendChild(element);
      });
    }
    return loading[url];
  }

  function leaflet(options) {
    var base = options.leaflet;
    return Promise.all([load(base + "leaflet.css", "link"), load(base + "leaflet.js", "script")]);
  }

  // The cluster plugin only for a map with many markers (the overview, a big town's).
  var CLUSTER_FROM = 40;

  function clusters(options, count) {
    var base = options.leaflet;
    if (!options.cluster || count < CLUSTER_FROM) { options.cluster = false; return Promise.resolve(); }
    return Promise.all([
      load(base + "MarkerCluster.css", "link"), load(base + "MarkerCluster.Default.css", "link"),
      load(base + "leaflet.markercluster.js", "script")
    ]);
  }

  function points(options) {
    if (options.points) return Promise.resolve(options.points);
    return fetch(options.data).then(function (response) { return response.json(); });
  }

  // The next step in a task of its own: short tasks keep the page answering taps.
  function later(value) {
    return new Promise(function (resolve) { setTimeout(function () { resolve(value); }, 0); });
  }

  function start(queued) {
    var options = JSON.parse(document.getElementById(queued.options).textContent);
    var data;
    Promise.all([leaflet(options), points(options)])
      .then(function (loaded) {
        data = loaded[1];
        var shown = data.filter(function (point) { return visible(point, options.show || {}); });
        return clusters(options, shown.length);
      })
      .then(function () { return later(); })
      .then(function () { return later(queued.make()); })
      .then(function (made) { draw(made, data, options); });
  }

  // Near the viewport: a screen's height ahead, so the map is drawn by the time it is seen.
  function whenNear(element, callback) {
    if (!("IntersectionObserver" in window)) { callback(); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      observer.disconnect();
      callback();
    }, { rootMargin: "100% 0px" });
    observer.observe(element);
  }

  function queue(queued) {
    whenNear(document.getElementById(queued.map), function () { start(queued); });
  }

  (window.directoryMaps || []).forEach(queue);
  window.directoryMaps = { push: queue };  // a map queued after this script ran
})();
