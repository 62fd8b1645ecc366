/* The date slider: fixed cells restyled by per-step diffs; only the cells that change are touched. */
var geoSlider = (function () {
  "use strict";
  var d, map, cells = [], cellSide = [], groups = {}, byPlace = {}, current = 0, timer = null;
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
  function style(sid) {
    var colour = geoRender.side(sid).colour;
    var unknown = sid === "unknown";
    return {fillColor: geoRender.fill(sid), fillOpacity: unknown ? 0.3 : 0.6,
            color: colour, weight: unknown ? 0.2 : 0.4, opacity: unknown ? 0.4 : 0.7};
  }
  // Cells never leave the map: a side's layer toggle hides its cells with a class on the map
  // container, so a date switch only restyles the changed paths (no DOM removal/insertion).
  function setSide(i, sideIndex) {
    var before = d.sideIds[cellSide[i]], after = d.sideIds[sideIndex];
    cellSide[i] = sideIndex;
    if (before === after) { return; }
    var layer = cells[i];
    layer.setStyle(style(after));
    if (layer._path) {
      L.DomUtil.removeClass(layer._path, "geo-side-" + before);
      L.DomUtil.addClass(layer._path, "geo-side-" + after);
    }
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
        fillColor: "#ffffff", fillOpacity: 0.4}).bindPopup(geoRender.changeHtml(ev), {maxWidth: 380})
        .addTo(changesLayer);
    });
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
    Object.keys(pending).forEach(function (c) { setSide(+c, pending[c]); });
    current = target;
    document.getElementById("geo-range").value = String(target);
    document.getElementById("geo-date").textContent = d.steps[target];
    document.getElementById("geo-position").textContent = (target + 1) + " / " + d.steps.length;
    changesAt(target);
    api.lastSwitchMs = performance.now() - t0;
    return api.lastSwitchMs;
  }
  function play() {
    if (timer !== null) { return; }
    if (current >= d.steps.length - 1) { goto(0); }
    timer = window.setInterval(function () {
      if (current >= d.steps.length - 1) { pause(); return; }
      goto(current + 1);
    }, d.interval);
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
    map = L.map("geo-map", {center: d.centre, zoom: d.zoom, zoomSnap: 0.5});
    L.control.scale().addTo(map);
    map.attributionControl.addAttribution(d.attribution);
    if (d.tiles) {
      L.tileLayer(d.tiles.url, {attribution: d.tiles.attribution, maxZoom: 18}).addTo(map);
    }
    geoRender.addBase(map, d.base);
    var renderer = geoRender.addHatch(map);
    var overlays = {};
    var container = map.getContainer();
    d.legendSides.forEach(function (sid) {
      groups[sid] = L.layerGroup().addTo(map);  // an empty switch: see setSide
      groups[sid].on("add", function () { L.DomUtil.removeClass(container, "geo-hide-" + sid); });
      groups[sid].on("remove", function () { L.DomUtil.addClass(container, "geo-hide-" + sid); });
      overlays[geoRender.esc(geoRender.side(sid).label)] = groups[sid];
    });
    var css = d.sideIds.map(function (sid) {
      return ".geo-hide-" + sid + " .geo-side-" + sid + "{display:none}";
    }).join("\n");
    var sheet = document.createElement("style");
    sheet.textContent = css;
    document.head.appendChild(sheet);
    var cellsLayer = L.layerGroup().addTo(map);
    if (d.unreached) {
      L.geoJSON(d.unreached, {renderer: renderer, interactive: false, style: function () {
        return L.extend({className: "geo-side-unknown"}, style("unknown"));
      }}).addTo(cellsLayer);
    }
    d.cellInfo.forEach(function (info, i) {
      var sideIndex = d.init[i];
      var sid = d.sideIds[sideIndex];
      var layer = L.polygon(decode(d.cells[i]), L.extend({renderer: renderer, className: "geo-side-" + sid}, style(sid)));
      layer.bindTooltip(function () {
        var now = d.sideIds[cellSide[i]];
        return "<b>" + geoRender.esc(info[1]) + "</b> <span class=\"geo-meta\">" + geoRender.esc(info[2]) +
          "</span><br>" + '<span class="geo-swatch" style="background:' + geoRender.esc(geoRender.side(now).colour) +
          '"></span>' + geoRender.esc(geoRender.side(now).label);
      }, {sticky: true});
      cells.push(layer);
      cellSide.push(sideIndex);
      info[0].split(";").forEach(function (pid) { byPlace[pid] = i; });
      cellsLayer.addLayer(layer);
    });
    changesLayer = L.layerGroup().addTo(map);
    overlays["Changes on the selected date"] = changesLayer;
    control = L.control.layers(null, overlays, {collapsed: false}).addTo(map);
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () { return document.getElementById("geo-legend"); };
    legend.addTo(map);

    var range = document.getElementById("geo-range");
    range.max = String(d.steps.length - 1);
    range.addEventListener("input", function () { goto(+range.value); });
    document.getElementById("geo-play").addEventListener("click", function () {
      if (timer === null) { play(); } else { pause(); }
    });
    document.getElementById("geo-prev").addEventListener("click", function () { pause(); goto(current - 1); });
    document.getElementById("geo-next").addEventListener("click", function () { pause(); goto(current + 1); });
    document.addEventListener("keydown", function (event) {
      if (event.target === range) { return; }  // the range input moves itself
      if (event.key === "ArrowLeft") { pause(); goto(current - 1); event.preventDefault(); }
      else if (event.key === "ArrowRight") { pause(); goto(current + 1); event.preventDefault(); }
      else if (event.key === " " && event.target === document.body) {
        if (timer === null) { play(); } else { pause(); }
        event.preventDefault();
      }
    });
    current = 0;
    goto(d.start);
    api.ready = true;
  }
  api.build = build;
  api.goto = goto;
  api.play = play;
  api.pause = pause;
  api.playing = function () { return timer !== null; };
  api.index = function () { return current; };
  api.date = function () { return d.steps[current]; };
  api.steps = function () { return d.steps.slice(); };
  api.sideOf = function (placeId) {
    var i = byPlace[placeId];
    return i === undefined ? null : d.sideIds[cellSide[i]];
  };
  api.colourOf = function (placeId) {
    var i = byPlace[placeId];
    if (i === undefined) { return null; }
    var path = cells[i]._path;
    return path && path.isConnected ? path.getAttribute("fill") : cells[i].options.fillColor;
  };
  api.layerVisible = function (sid) { return map.hasLayer(groups[sid]); };
  api.sides = function () { return d.legendSides.slice(); };
  api.map = function () { return map; };
  return api;
})();
window.geoSlider = geoSlider;
