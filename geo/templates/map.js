/* The per-date map: areas and places per side, changes of the last 30 days. */
var geoMap = (function () {
  "use strict";
  var info = {groups: {}, places: {}, changes: 0};
  function build(map, groups, changesGroup, d) {
    geoRender.init(d);
    geoRender.addBase(map, d.base);
    var areaRenderer = geoRender.addHatch(map);
    map.createPane("geoPlaces");
    map.getPane("geoPlaces").style.zIndex = 450;
    var canvas = L.canvas({pane: "geoPlaces", padding: 0.5});
    var S = d.strings;
    Object.keys(groups).forEach(function (sid) {
      var group = groups[sid];
      var colour = geoRender.side(sid).colour;
      if (d.areas[sid]) {
        L.geoJSON(d.areas[sid], {
          renderer: areaRenderer, interactive: false,
          style: function () {
            return {fillColor: geoRender.fill(sid), fillOpacity: sid === "unknown" ? 0.3 : 0.5,
                    color: colour, weight: 0.7, opacity: 0.8, className: "geo-area geo-area-" + sid};
          }
        }).addTo(group);
      }
      var rows = d.places[sid] || [];
      rows.forEach(function (r) {
        var kind = S[r[3]];
        L.circleMarker([r[0], r[1]], {
          renderer: canvas, radius: geoRender.radius(kind), color: "#333", weight: 0.4,
          fillColor: colour, fillOpacity: 0.95
        }).bindTooltip(function () {
          return geoRender.placeHtml(r[2], kind, sid, S[r[4]], S[r[5]], S[r[6]], S[r[7]]);
        }).addTo(group);
      });
      info.groups[sid] = group;
      info.places[sid] = rows.length;
    });
    d.changes.forEach(function (ev) {
      if (ev.lat === null || ev.lon === null) { return; }
      L.circleMarker([ev.lat, ev.lon], {
        renderer: canvas, radius: 9, color: geoRender.side(ev.controller).colour, weight: 3,
        fillColor: "#ffffff", fillOpacity: 0.5
      }).bindPopup(geoRender.changeHtml(ev), {maxWidth: 380}).addTo(changesGroup);
      info.changes += 1;
    });
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
  info.build = build;
  info.visibleSides = visibleSides;
  return info;
})();
window.geoMap = geoMap;
