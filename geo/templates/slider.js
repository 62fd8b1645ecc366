/* The date slider: fixed cells restyled by per-step diffs; only the cells that change are touched.
   The date is in the address (#YYYY-MM-DD), the controls come before the map in the tab order,
   and the legend lists the sides present on the date shown. */
var geoSlider = (function () {
  "use strict";
  var d, map, cells = [], cellKey = [], groups = {}, byPlace = {}, current = 0, timer = null;
  var changesLayer, control;
  var api = {ready: false, lastSwitchMs: 0};

  function decode(polys) {
    var q = d.quantum;
    return polys.map(function (rings) {
      return rings.map(function (r) {
        var x = r[0], y = r[1], out = [[y * q, x * q]];
        for (var i = 2; i < r.length; i += 2) { x += r[i]; y += r[i + 1]; out.push([y * q, x * q]); }
        return out;
      });
    });
  }
  // A state key is a side, with "|u" when the side rests on uncertain evidence only.
  function sideOfKey(key) { return key.split("|")[0]; }
  function uncertainKey(key) { return key.slice(-2) === "|u"; }
  // Cells are simplified one by one: a 1 px outline in their own fill closes the hairline gaps.
  function style(key) {
    return L.extend(geoRender.areaStyle(sideOfKey(key), uncertainKey(key), undefined), {weight: 1});
  }
  function classes(key) {
    return "geo-side-" + sideOfKey(key) + (uncertainKey(key) ? " geo-uncertain" : "");
  }
  // Cells never leave the map: a side's layer toggle hides its cells with a class on the map
  // container, so a date switch only restyles the changed paths (no DOM removal/insertion).
  function setKey(i, keyIndex) {
    var before = d.sideIds[cellKey[i]], after = d.sideIds[keyIndex];
    cellKey[i] = keyIndex;
    if (before === after) { return; }
    var layer = cells[i];
    layer.setStyle(style(after));
    if (layer._path) {
      classes(before).split(" ").forEach(function (c) { L.DomUtil.removeClass(layer._path, c); });
      classes(after).split(" ").forEach(function (c) { L.DomUtil.addClass(layer._path, c); });
    }
  }
  function legendAt(step) {
    var rows = d.legend[step] || d.legendSides.map(function (s) { return [s, null, null]; });
    var shown = {};
    var items = rows.map(function (r) {
      shown[r[0]] = true;
      var swatch = r[0] === "contested" ? '<span class="geo-swatch geo-swatch-contested"></span>'
        : geoRender.swatch(r[0]);
      var stat = r[1] === null ? "" : ' <span class="geo-stat">' + r[1].toFixed(1) + " %" +
        (r[2] ? ", " + r[2] + " place" + (r[2] === 1 ? "" : "s") : "") + "</span>";
      return '<li data-side="' + geoRender.esc(r[0]) + '">' + swatch + geoRender.esc(geoRender.side(r[0]).label) + stat + "</li>";
    });
    var uncertain = cellKey.some(function (k) { return uncertainKey(d.sideIds[k]); });
    if (uncertain) {
      items.push('<li data-side="uncertain" class="geo-uncertain-entry"><span class="geo-swatch geo-swatch-uncertain"></span>' +
                 geoRender.esc(d.uncertainLabel) + "</li>");
    }
    var legend = document.getElementById("geo-legend");
    legend.querySelector("h4").textContent = "Who holds what, " + d.steps[step];
    legend.querySelector("ul").innerHTML = items.join("");
  }
  function changesAt(step) {
    var panel = document.getElementById("geo-changes");
    var list = d.changes[step];
    changesLayer.clearLayers();
    if (!list.length) {
      panel.innerHTML = '<p class="geo-meta">No change reported ' + geoRender.esc(d.windows[step]) + ".</p>";
      return;
    }
    panel.innerHTML = '<p class="geo-meta">' + list.length + " change" + (list.length === 1 ? "" : "s") +
      " " + geoRender.esc(d.windows[step]) + ":</p>" +
      list.map(function (e) { return geoRender.changeHtml(d.events[e]); }).join("<hr>");
    list.forEach(function (e) {
      var ev = d.events[e];
      if (ev.lat === null || ev.lon === null) { return; }
      L.circleMarker([ev.lat, ev.lon], {radius: 9, color: geoRender.side(ev.controller).colour, weight: 3,
        fillColor: "#ffffff", fillOpacity: 0.4, keyboard: false}).bindPopup(geoRender.changeHtml(ev), {maxWidth: 380})
        .addTo(changesLayer);
    });
  }
  function writeHash(step) {
    var hash = "#" + d.steps[step];
    if (window.location.hash === hash) { return; }
    try { window.history.replaceState(null, "", hash); } catch (e) { /* a sandboxed frame */ }
  }
  function stepOfDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) { return null; }
    var found = 0;
    for (var i = 0; i < d.steps.length; i++) { if (d.steps[i] <= text) { found = i; } }
    return found;
  }
  function goto(target) {
    target = Math.max(0, Math.min(d.steps.length - 1, target | 0));
    var t0 = performance.now();
    var pending = {};
    var k, diff;
    if (target > current) {
      for (k = current + 1; k <= target; k++) {
        diff = d.diffs[k];
        for (var i = 0; i < diff.length; i += 3) { pending[diff[i]] = diff[i + 2]; }
      }
    } else {
      for (k = current; k > target; k--) {
        diff = d.diffs[k];
        for (var j = 0; j < diff.length; j += 3) { pending[diff[j]] = diff[j + 1]; }
      }
    }
    Object.keys(pending).forEach(function (c) { setKey(+c, pending[c]); });
    current = target;
    document.getElementById("geo-range").value = String(target);
    document.getElementById("geo-date").textContent = d.steps[target];
    document.getElementById("geo-position").textContent = (target + 1) + " / " + d.steps.length;
    changesAt(target);
    legendAt(target);
    writeHash(target);
    api.lastSwitchMs = performance.now() - t0;
    return api.lastSwitchMs;
  }
  function interval() { return +document.getElementById("geo-speed").value || d.interval; }
  function play() {
    if (timer !== null) { return; }
    if (current >= d.steps.length - 1) { goto(0); }
    timer = window.setInterval(function () {
      if (current >= d.steps.length - 1) { pause(); return; }
      goto(current + 1);
    }, interval());
    document.getElementById("geo-play").textContent = "Pause";
    document.getElementById("geo-play").setAttribute("aria-pressed", "true");
  }
  function pause() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
    document.getElementById("geo-play").textContent = "Play";
    document.getElementById("geo-play").setAttribute("aria-pressed", "false");
  }
  function build(data) {
    d = data;
    geoRender.init(d);
    map = L.map("geo-map", {center: d.centre, zoom: d.zoom, zoomSnap: 0.25, keyboard: true});
    L.control.scale().addTo(map);
    map.attributionControl.addAttribution(d.attribution);
    if (d.tiles) {
      L.tileLayer(d.tiles.url, {attribution: d.tiles.attribution, maxZoom: 18}).addTo(map);
    } else {
      geoRender.addBase(map, d.base);
    }
    var renderer = geoRender.addHatch(map);
    var overlays = {};
    var container = map.getContainer();
    d.legendSides.forEach(function (sid) {
      groups[sid] = L.layerGroup().addTo(map);  // an empty switch: see setKey
      groups[sid].on("add", function () { L.DomUtil.removeClass(container, "geo-hide-" + sid); });
      groups[sid].on("remove", function () { L.DomUtil.addClass(container, "geo-hide-" + sid); });
      overlays[geoRender.esc(geoRender.side(sid).label)] = groups[sid];
    });
    var css = d.legendSides.map(function (sid) {
      return ".geo-hide-" + sid + " .geo-side-" + sid + "{display:none}";
    }).join("\n");
    var sheet = document.createElement("style");
    sheet.textContent = css;
    document.head.appendChild(sheet);
    var cellsLayer = L.layerGroup().addTo(map);
    if (d.unreached) {
      L.geoJSON(d.unreached, {renderer: renderer, interactive: false, style: function () {
        return L.extend(style("unknown"), {className: "geo-side-unknown"});
      }}).addTo(cellsLayer);
    }
    d.cellInfo.forEach(function (info, i) {
      var keyIndex = d.init[i];
      var key = d.sideIds[keyIndex];
      var layer = L.polygon(decode(d.cells[i]), L.extend(style(key), {renderer: renderer, className: classes(key)}));
      layer.bindTooltip(function () {
        var now = d.sideIds[cellKey[i]];
        return "<b>" + geoRender.esc(info[1]) + "</b> <span class=\"geo-meta\">" + geoRender.esc(info[2]) +
          "</span><br>" + geoRender.swatch(sideOfKey(now)) + geoRender.esc(geoRender.side(sideOfKey(now)).label) +
          (uncertainKey(now) ? ' <span class="geo-meta">(uncertain)</span>' : "");
      }, {sticky: true});
      cells.push(layer);
      cellKey.push(keyIndex);
      // a place's first cell is its core; its ring (ground beyond its kind's reach) follows
      info[0].split(";").forEach(function (pid) { if (!(pid in byPlace)) { byPlace[pid] = i; } });
      cellsLayer.addLayer(layer);
    });
    changesLayer = L.layerGroup().addTo(map);
    overlays["Changes on the selected date"] = changesLayer;
    var narrow = map.getSize().x < 600;
    control = L.control.layers(null, overlays, {collapsed: narrow}).addTo(map);
    map.fitBounds(d.bounds, {animate: false});
    api.labels = geoRender.addLabels(map, d.labels, d.labelZoom);

    var range = document.getElementById("geo-range");
    range.max = String(d.steps.length - 1);
    range.addEventListener("input", function () { goto(+range.value); });
    document.getElementById("geo-play").addEventListener("click", function () {
      if (timer === null) { play(); } else { pause(); }
    });
    document.getElementById("geo-speed").addEventListener("change", function () {
      if (timer !== null) { pause(); play(); }
    });
    document.getElementById("geo-prev").addEventListener("click", function () { pause(); goto(current - 1); });
    document.getElementById("geo-next").addEventListener("click", function () { pause(); goto(current + 1); });
    document.getElementById("geo-first").addEventListener("click", function () { pause(); goto(0); });
    document.getElementById("geo-last").addEventListener("click", function () { pause(); goto(d.steps.length - 1); });
    document.addEventListener("keydown", function (event) {
      if (event.target === range || event.target.tagName === "SELECT") { return; }  // they move themselves
      if (container.contains(event.target) && event.target !== container) { return; }
      if (event.key === "ArrowLeft" && event.target !== container) { pause(); goto(current - 1); event.preventDefault(); }
      else if (event.key === "ArrowRight" && event.target !== container) { pause(); goto(current + 1); event.preventDefault(); }
      else if (event.key === "Home") { pause(); goto(0); event.preventDefault(); }
      else if (event.key === "End") { pause(); goto(d.steps.length - 1); event.preventDefault(); }
      else if (event.key === " " && event.target === document.body) {
        if (timer === null) { play(); } else { pause(); }
        event.preventDefault();
      }
    });
    window.addEventListener("hashchange", function () {
      var step = stepOfDate(window.location.hash.slice(1));
      if (step !== null && step !== current) { pause(); goto(step); }
    });
    // Map features are reached with the mouse or the map's own keys, never by Tab.
    container.querySelectorAll("path, .leaflet-marker-icon").forEach(function (el) { el.setAttribute("tabindex", "-1"); });
    current = 0;
    var fromHash = stepOfDate(window.location.hash.slice(1));
    goto(fromHash === null ? d.start : fromHash);
    api.ready = true;
  }
  api.build = build;
  api.goto = goto;
  api.play = play;
  api.pause = pause;
  api.interval = interval;
  api.playing = function () { return timer !== null; };
  api.index = function () { return current; };
  api.date = function () { return d.steps[current]; };
  api.steps = function () { return d.steps.slice(); };
  api.sideOf = function (placeId) {
    var i = byPlace[placeId];
    return i === undefined ? null : sideOfKey(d.sideIds[cellKey[i]]);
  };
  api.colourOf = function (placeId) {
    var i = byPlace[placeId];
    if (i === undefined) { return null; }
    var path = cells[i]._path;
    return path && path.isConnected ? path.getAttribute("fill") : cells[i].options.fillColor;
  };
  // The sides a reader sees on the map at this date (cells and the unreached desert).
  api.sidesShown = function () {
    var seen = {unknown: d.unreached !== null};
    cellKey.forEach(function (k) { seen[sideOfKey(d.sideIds[k])] = true; });
    return d.legendSides.filter(function (s) { return seen[s]; });
  };
  api.layerVisible = function (sid) { return map.hasLayer(groups[sid]); };
  api.sides = function () { return d.legendSides.slice(); };
  api.map = function () { return map; };
  return api;
})();
window.geoSlider = geoSlider;
