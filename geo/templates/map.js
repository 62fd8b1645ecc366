/* The per-date map: areas per side, uncertain ground hatched, names by zoom, places from a zoom
   where they stop crowding, and the changes of the last days. */
var geoMap = (function () {
  "use strict";
  var info = {groups: {}, places: {}, markers: {}, changes: 0};
  function build(map, groups, changesGroup, d) {
    geoRender.init(d);
    if (d.tiles) {
      L.tileLayer(d.tiles.url, {attribution: d.tiles.attribution, maxZoom: 18}).addTo(map);
    } else {
      geoRender.addBase(map, d.base || window.GEO_BASE);
    }
    var areaRenderer = geoRender.addHatch(map);
    map.createPane("geoPlaces");
    map.getPane("geoPlaces").style.zIndex = 450;
    var canvas = L.canvas({pane: "geoPlaces", padding: 0.5});
    // Places: the table (this page's own, or the build's shared places.js) and this date's
    // state of each, grouped by side as [lat, lon, name, kind, since, evidence, source,
    // sentence, uncertain].
    var table = d.placeTable || window.GEO_PLACES;
    if (!table || table.rows.length !== d.placeCount) {
      throw new Error("geoMap: the place table does not match this page (" + d.placeCount + " places)");
    }
    var byside = {}, where = [];
    table.rows.forEach(function (p, i) {
      var st = d.states[d.placeStates[i]], sid = st[0];
      var rows = byside[sid] || (byside[sid] = []);
      where.push([sid, rows.length]);
      rows.push([p[0], p[1], p[2], p[3], st[1], st[2], st[3], st[4], st[5]]);
    });
    // a build's page names its areas in the shared map-assets/areas scripts it loaded
    function shape(g) { return typeof g === "string" ? window.GEO_AREAS[g] : g; }
    Object.keys(groups).forEach(function (sid) {
      var group = groups[sid];
      var colour = geoRender.side(sid).colour;
      if (d.areas[sid]) {
        L.geoJSON(shape(d.areas[sid]), {
          renderer: areaRenderer,
          style: function () { return geoRender.areaStyle(sid, false, "geo-area geo-area-" + sid); }
        }).bindTooltip(function () {
          return geoRender.swatch(sid) + geoRender.esc(geoRender.side(sid).label);
        }, {sticky: true}).addTo(group);
      }
      if (d.uncertain[sid]) {
        L.geoJSON(shape(d.uncertain[sid]), {
          renderer: areaRenderer, interactive: false,
          style: function () { return geoRender.areaStyle(sid, true, "geo-uncertain geo-uncertain-" + sid); }
        }).addTo(group);
      }
      var rows = byside[sid] || [];
      var markers = L.layerGroup();
      rows.forEach(function (r) {
        var kind = r[3];
        L.circleMarker([r[0], r[1]], {
          renderer: canvas, radius: geoRender.radius(kind), color: "#333", weight: 0.6,
          fillColor: colour, fillOpacity: 1
        }).bindTooltip(function () {
          return geoRender.placeHtml(r[2], kind, sid, r[4], r[5], r[6], r[7], r[8]);
        }).addTo(markers);
      });
      info.groups[sid] = group;
      info.markers[sid] = markers;
      info.places[sid] = rows.length;
    });
    // Markers only from the zoom where they stop crowding into a cloud of dots.
    function syncMarkers() {
      var show = map.getZoom() >= d.markerZoom;
      Object.keys(info.markers).forEach(function (sid) {
        var group = info.groups[sid], markers = info.markers[sid];
        if (show && !group.hasLayer(markers)) { group.addLayer(markers); }
        if (!show && group.hasLayer(markers)) { group.removeLayer(markers); }
      });
    }
    map.on("zoomend", syncMarkers);
    d.changes.forEach(function (ev) {
      if (ev.lat === null || ev.lon === null) { return; }
      L.circleMarker([ev.lat, ev.lon], {
        renderer: canvas, radius: 9, color: geoRender.side(ev.controller).colour, weight: 3,
        fillColor: "#ffffff", fillOpacity: 0.5
      }).bindPopup(geoRender.changeHtml(ev), {maxWidth: 380}).addTo(changesGroup);
      info.changes += 1;
    });
    var labels = table.labels.map(function (l) {
      var w = where[l[0]], r = byside[w[0]][w[1]];
      return [r[0], r[1], r[2], l[1]];
    });
    map.fitBounds(d.bounds, {animate: false});
    info.labels = geoRender.addLabels(map, labels, d.labelZoom);
    syncMarkers();
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () { return document.getElementById("geo-legend"); };
    legend.addTo(map);
    map.attributionControl.addAttribution(d.attribution);
    info.map = map;
    info.ready = true;
  }
  function visibleSides() {
    return Object.keys(info.groups).filter(function (s) { return info.map.hasLayer(info.groups[s]); });
  }
  function markersShown() {
    return Object.keys(info.markers).filter(function (s) { return info.map.hasLayer(info.markers[s]); }).length;
  }
  info.build = build;
  info.visibleSides = visibleSides;
  info.markersShown = markersShown;
  return info;
})();
window.geoMap = geoMap;
