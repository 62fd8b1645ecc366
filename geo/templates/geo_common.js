/* Shared by the per-date map and the slider: escaping, the popup template, hatching, base layer. */
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
  function fill(id) { return id === "contested" ? "url(#geo-hatch-contested)" : side(id).colour; }
  function documentHtml(doc) {
    var head = doc.title ? doc.title : doc.id;
    var meta = [doc.outlet, doc.date].filter(function (x) { return x; }).map(esc).join(", ");
    var out = "<li>" + link(doc.url, head);
    if (meta) { out += ' <span class="geo-meta">(' + meta + ")</span>"; }
    if (doc.url && !/^https?:\/\//i.test(doc.url)) { out += ' <span class="geo-meta">' + esc(doc.url) + "</span>"; }
    return out + "</li>";
  }
  // THE popup template: a change of control with its sentence and its documents.
  function changeHtml(ev) {
    var gained = side(ev.controller).label;
    var notApplied = ev.applied === false;
    var out = '<div class="geo-change' + (notApplied ? ' geo-not-applied' : '') + '"><div class="geo-change-head"><b>' +
      esc(ev.place) + "</b> &middot; " + esc(ev.date) + " &middot; " + esc(ev.kind) +
      (notApplied ? " &middot; <i>not applied</i>" : "") + "</div>";
    if (notApplied) { out += '<div class="geo-why">Not applied: ' + esc(ev.why) + "</div>"; }
    out += '<div><span class="geo-swatch" style="background:' + esc(side(ev.controller).colour) + '"></span>' +
      esc(gained) + (ev.previous ? " (from " + esc(side(ev.previous).label) + ")" : "") + "</div>";
    if (ev.sentence) { out += '<blockquote class="geo-sentence">' + esc(ev.sentence) + "</blockquote>"; }
    if (ev.docs && ev.docs.length) {
      out += '<ul class="geo-docs">' + ev.docs.map(function (i) { return documentHtml(data.docs[i]); }).join("") + "</ul>";
    }
    return out + "</div>";
  }
  function placeHtml(name, kind, sideId, since, evidence, source, sentence) {
    var out = "<b>" + esc(name) + "</b> <span class=\"geo-meta\">" + esc(kind) + "</span><br>" +
      '<span class="geo-swatch" style="background:' + esc(side(sideId).colour) + '"></span>' + esc(side(sideId).label);
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
  function addHatch(map) {
    var renderer = L.svg({padding: 0.5});
    map.addLayer(renderer);
    var svg = renderer._container;
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "geo-hatch-contested");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "8");
    pattern.setAttribute("height", "8");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var rect = document.createElementNS(ns, "rect");
    rect.setAttribute("width", "8");
    rect.setAttribute("height", "8");
    rect.setAttribute("fill", side("contested").colour);
    rect.setAttribute("fill-opacity", "0.3");
    var line = document.createElementNS(ns, "rect");
    line.setAttribute("width", "3");
    line.setAttribute("height", "8");
    line.setAttribute("fill", side("contested").colour);
    pattern.appendChild(rect);
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
    return renderer;
  }
  function addBase(map, base) {
    map.createPane("geoBase");
    map.getPane("geoBase").style.zIndex = 250;
    var renderer = L.svg({pane: "geoBase", padding: 0.5});
    L.geoJSON(base.countries, {
      pane: "geoBase", renderer: renderer, interactive: false,
      style: function (f) {
        var syria = f.properties.name === "Syria";
        return {color: "#555", weight: syria ? 1.6 : 0.8, fillColor: syria ? "#ffffff" : "#eeeeea", fillOpacity: 1};
      }
    }).addTo(map);
    L.geoJSON(base.disputed, {
      pane: "geoBase", renderer: renderer, interactive: false,
      style: function () { return {color: "#555", weight: 0.8, dashArray: "3 3", fill: false}; }
    }).addTo(map);
    L.geoJSON(base.rivers, {
      pane: "geoBase", renderer: renderer, interactive: false,
      style: function () { return {color: "#4a90c8", weight: 1.4}; }
    }).addTo(map);
  }
  var RADIUS = {city: 5.5, town: 3.5, village: 2.2, base: 3.5, airport: 3.5, oilfield: 3, dam: 3.5, crossing: 3, hill: 2.2};
  function radius(kind) { return RADIUS[kind] || 3; }
  return {esc: esc, link: link, init: init, side: side, fill: fill, changeHtml: changeHtml,
          placeHtml: placeHtml, addHatch: addHatch, addBase: addBase, radius: radius};
})();
