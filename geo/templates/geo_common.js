/* Shared by the per-date map and the slider: escaping, the popup template, fills, hatching,
   the base layer and the place labels. */
var geoRender = (function () {
  "use strict";
  var ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
  function esc(value) {
    return String(value === null || value === undefined ? "" : value).replace(/[&<>"']/g, function (c) {
      return ESC[c];
    });
  }
  // Only plain web links become anchors: a javascript: or data: URL from an article stays text.
  function link(url, text) {
    if (typeof url === "string" && /^https?:\/\/[^\s"'<>]+$/i.test(url)) {
      return '<a href="' + esc(url) + '" target="_blank" rel="noopener noreferrer">' + esc(text) + "</a>";
    }
    return esc(text);
  }
  var data = null;
  function init(d) { data = d; }
  function side(id) { return data.sides[id] || data.sides.unknown; }
  function safeId(id) { return String(id).replace(/[^A-Za-z0-9_-]/g, "_"); }
  // What an area is painted with: the side's fill, contested hatched, uncertain faded and hatched.
  function fill(id, uncertain) {
    if (id === "contested") { return "url(#geo-hatch-contested)"; }
    if (uncertain) { return "url(#geo-hatch-uncertain-" + safeId(id) + ")"; }
    return side(id).fill;
  }
  // Areas are opaque and outlined in their own fill: no seams between cells, no halos.
  function areaStyle(id, uncertain, className) {
    var colour = id === "contested" ? side("contested").fill : side(id).fill;
    return {fillColor: fill(id, uncertain), fillOpacity: 1, color: uncertain ? side(id).faded : colour,
            weight: 0.6, opacity: 1, className: className};
  }
  function documentHtml(doc) {
    var head = doc.title ? doc.title : doc.id;
    var meta = [doc.outlet, doc.date].filter(function (x) { return x; }).map(esc).join(", ");
    var out = "<li>" + link(doc.url, head);
    if (meta) { out += ' <span class="geo-meta">(' + meta + ")</span>"; }
    if (doc.url && !/^https?:\/\//i.test(doc.url)) { out += ' <span class="geo-meta">' + esc(doc.url) + "</span>"; }
    return out + "</li>";
  }
  function swatch(id) {
    return '<span class="geo-swatch" style="background:' + esc(side(id).fill) + '"></span>';
  }
  // THE popup template: a change of control with its sentence and its documents.
  function changeHtml(ev) {
    var gained = side(ev.controller).label;
    var notApplied = ev.applied === false;
    var out = '<div class="geo-change' + (notApplied ? ' geo-not-applied' : '') + '"><div class="geo-change-head"><b>' +
      esc(ev.place) + "</b> &middot; " + esc(ev.date) + " &middot; " + esc(ev.kind) +
      (notApplied ? " &middot; <i>not applied</i>" : "") + "</div>";
    if (notApplied) { out += '<div class="geo-why">Not applied: ' + esc(ev.why) + "</div>"; }
    out += "<div>" + swatch(ev.controller) +
      esc(gained) + (ev.previous ? " (from " + esc(side(ev.previous).label) + ")" : "") + "</div>";
    if (ev.sentence) { out += '<blockquote class="geo-sentence">' + esc(ev.sentence) + "</blockquote>"; }
    if (ev.docs && ev.docs.length) {
      out += '<ul class="geo-docs">' + ev.docs.map(function (i) { return documentHtml(data.docs[i]); }).join("") + "</ul>";
    }
    return out + "</div>";
  }
  function placeHtml(name, kind, sideId, since, evidence, source, sentence, uncertain) {
    var out = "<b>" + esc(name) + "</b> <span class=\"geo-meta\">" + esc(kind) + "</span><br>" +
      swatch(sideId) + esc(side(sideId).label);
    if (uncertain) { out += ' <span class="geo-meta">(uncertain)</span>'; }
    if (since) { out += "<br>since " + esc(since); }
    if (evidence && evidence !== "none") { out += "<br>evidence: " + esc(evidence); }
    if (source) {
      var docId = source.split(" (via ")[0];
      var doc = data.docIndex && data.docIndex[docId] !== undefined ? data.docs[data.docIndex[docId]] : null;
      var via = source.indexOf(" (via ") >= 0 ? source.slice(source.indexOf(" (via ")) : "";
      out += "<br>source: " + (doc ? link(doc.url, doc.title || doc.id) + esc(via) : esc(source));
    }
    if (sentence) { out += '<blockquote class="geo-sentence">' + esc(sentence) + "</blockquote>"; }
    return out;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function element(name, attributes) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (k) { el.setAttribute(k, attributes[k]); });
    return el;
  }
  // Stripes over a background: contested is the contested colour striped; uncertain ground is the
  // side's faded fill with white stripes, a cue that needs no colour vision.
  function pattern(id, background, stripe, stripeOpacity) {
    var p = element("pattern", {id: id, patternUnits: "userSpaceOnUse", width: "8", height: "8",
                                patternTransform: "rotate(45)"});
    p.appendChild(element("rect", {width: "8", height: "8", fill: background}));
    p.appendChild(element("rect", {width: "3", height: "8", fill: stripe, "fill-opacity": stripeOpacity}));
    return p;
  }
  function addHatch(map, options) {
    var renderer = L.svg(L.extend({padding: 0.5}, options || {}));
    map.addLayer(renderer);
    var svg = renderer._container;
    var defs = element("defs", {});
    defs.appendChild(pattern("geo-hatch-contested", side("contested").faded, side("contested").colour, "1"));
    Object.keys(data.sides).forEach(function (id) {
      defs.appendChild(pattern("geo-hatch-uncertain-" + safeId(id), side(id).faded, "#ffffff", "0.75"));
    });
    svg.insertBefore(defs, svg.firstChild);
    return renderer;
  }
  // Neighbouring countries under the areas; Syria's border, the Golan line and the rivers above
  // them (the areas are opaque), none of them interactive.
  function addBase(map, base) {
    map.createPane("geoBase");
    map.getPane("geoBase").style.zIndex = 250;
    map.createPane("geoTop");
    map.getPane("geoTop").style.zIndex = 420;
    map.getPane("geoTop").style.pointerEvents = "none";
    var under = L.svg({pane: "geoBase", padding: 0.5});
    var over = L.svg({pane: "geoTop", padding: 0.5});
    L.geoJSON(base.countries, {
      pane: "geoBase", renderer: under, interactive: false,
      style: function (f) {
        var syria = f.properties.name === "Syria";
        return {color: "#777", weight: 0.8, fillColor: syria ? "#ffffff" : "#eeeeea", fillOpacity: 1};
      }
    }).addTo(map);
    L.geoJSON({type: "FeatureCollection", features: base.countries.features.filter(function (f) {
      return f.properties.name === "Syria";
    })}, {
      pane: "geoTop", renderer: over, interactive: false,
      style: function () { return {color: "#333", weight: 1.6, fill: false}; }
    }).addTo(map);
    L.geoJSON(base.disputed, {
      pane: "geoTop", renderer: over, interactive: false,
      style: function () { return {color: "#444", weight: 0.9, dashArray: "3 3", fill: false}; }
    }).addTo(map);
    L.geoJSON(base.rivers, {
      pane: "geoTop", renderer: over, interactive: false,
      style: function () { return {color: "#3d7fb8", weight: 1.4, opacity: 0.9}; }
    }).addTo(map);
  }
  var RADIUS = {city: 5.5, town: 3.5, village: 2.2, base: 3.5, airport: 3.5, oilfield: 3, dam: 3.5, crossing: 3, hill: 2.2};
  function radius(kind) { return RADIUS[kind] || 3; }

  // Place names by zoom, never overlapping: candidates come most important first (cities by
  // population, then towns, then villages); each is placed unless its box meets one placed.
  var FONTS = ["600 13px system-ui, sans-serif", "500 11.5px system-ui, sans-serif", "11px system-ui, sans-serif"];
  var HEIGHTS = [17, 15, 14];
  function addLabels(map, labels, minZoom) {
    map.createPane("geoLabels");
    map.getPane("geoLabels").style.zIndex = 640;
    map.getPane("geoLabels").style.pointerEvents = "none";
    var layer = L.layerGroup().addTo(map);
    var measure = document.createElement("canvas").getContext("2d");
    var widths = {};
    function width(name, rank) {
      var key = rank + ":" + name;
      if (widths[key] === undefined) { measure.font = FONTS[rank]; widths[key] = Math.ceil(measure.measureText(name).width) + 8; }
      return widths[key];
    }
    var shown = [];
    function place() {
      layer.clearLayers();
      shown = [];
      var zoom = map.getZoom();
      var size = map.getSize();
      var boxes = [];
      labels.forEach(function (l) {
        var rank = l[3];
        if (zoom < minZoom[rank]) { return; }
        var pt = map.latLngToContainerPoint([l[0], l[1]]);
        if (pt.x < -50 || pt.y < -20 || pt.x > size.x + 50 || pt.y > size.y + 20) { return; }
        var w = width(l[2], rank), h = HEIGHTS[rank];
        var box = [pt.x - w / 2, pt.y - h / 2, pt.x + w / 2, pt.y + h / 2];
        for (var i = 0; i < boxes.length; i++) {
          var b = boxes[i];
          if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) { return; }
        }
        boxes.push(box);
        shown.push({name: l[2], rank: rank});
        L.marker([l[0], l[1]], {
          pane: "geoLabels", interactive: false, keyboard: false,
          icon: L.divIcon({className: "geo-label geo-label-" + rank, html: esc(l[2]),
                           iconSize: [w, h], iconAnchor: [w / 2, h / 2]})
        }).addTo(layer);
      });
    }
    map.on("zoomend moveend resize", place);
    place();
    return {layer: layer, shown: function () { return shown.slice(); }, update: place};
  }
  return {esc: esc, link: link, init: init, side: side, fill: fill, areaStyle: areaStyle,
          changeHtml: changeHtml, placeHtml: placeHtml, addHatch: addHatch, addBase: addBase,
          radius: radius, addLabels: addLabels, swatch: swatch};
})();
