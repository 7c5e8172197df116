/* Draws the directory's markers on a Leaflet map made by Folium.
 * Popups are built from DOM text nodes: record text is never parsed as HTML.
 * Points: {y: lat, x: lon, a: approximate, n: name, d: address, u: url, c: categories, p: places}
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
    var link = text("a", point.n);
    link.href = options.base + point.u;
    var title = document.createElement("strong");
    title.appendChild(link);
    box.appendChild(title);
    if (point.d) box.appendChild(text("div", point.d));
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
          radius: 11, color: colour, weight: 2, dashArray: "4 3", fillOpacity: 0.25,
          className: "directory-map__approximate-marker"
        })
      : L.circleMarker([point.y, point.x], {
          radius: 8, color: "#ffffff", weight: 2, fillColor: colour, fillOpacity: 0.95,
          className: "directory-map__marker"
        });
    // Leaflet reads a string as HTML: pass elements built from text, never strings.
    return layer.bindPopup(popup(point, options)).bindTooltip(text("span", point.n));
  }

  function visible(point, show) {
    if (show.category && point.c.indexOf(show.category) < 0) return false;
    if (show.place && point.p.indexOf(show.place) < 0) return false;
    return true;
  }

  function draw(map, points, options) {
    var show = options.show || {};
    var colours = options.labels.colours || {};
    var names = options.labels.categories || {};
    var groups = {};
    var bounds = [];
    points.filter(function (point) { return visible(point, show); }).forEach(function (point) {
      var key = show.category || point.c[0] || "";
      if (!groups[key]) {
        groups[key] = L.markerClusterGroup
          ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
          : L.layerGroup();
      }
      groups[key].addLayer(marker(point, colours[key] || "#3f51b5", options));
      bounds.push([point.y, point.x]);
    });
    var overlays = {};
    Object.keys(groups).forEach(function (key) {
      groups[key].addTo(map);
      overlays[escaped(names[key] || key)] = groups[key];
    });
    if (show.layers && Object.keys(overlays).length > 1) {
      L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    }
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    else if (bounds.length === 1) map.setView(bounds[0], 15);
    map.getContainer().setAttribute("data-markers", String(bounds.length));
  }

  window.DirectoryMap = {
    show: function (map, options) {
      if (options.points) { draw(map, options.points, options); return; }
      fetch(options.data)
        .then(function (response) { return response.json(); })
        .then(function (points) { draw(map, points, options); });
    }
  };
})();
