// Real maps: Leaflet (vendored in /vendor/leaflet, global `L`) over the configured tiles,
// with numbered stops, the route line and meal stops styled apart; a whole-trip overview
// with a colour per day. Without tiles (none configured, Leaflet missing, offline, or the
// tile host failing before any tile loaded) the SVG sketches of route.js are drawn instead.

import { h } from "./dom.js";
import { dayColour, overviewSketch, routeSketch } from "./route.js";

const OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright";
/** Tile failures, before any tile loaded, that make a map give way to the sketch. */
const FAILURES_BEFORE_SKETCH = 2;

const live = new Set();

/** Remove every live map (before the itinerary is drawn again). */
export function disposeMaps() {
  for (const map of live) map.remove();
  live.clear();
}

function tilesUsable(config) {
  return Boolean(config && config.tiles_url && window.L && navigator.onLine !== false);
}

/** Leaflet puts attribution in as markup: escape the configured text, link OSM's page. */
function attributionHtml(config) {
  const text = String(config.attribution || "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  if (!text) return "";
  return /openstreetmap\.org/.test(config.tiles_url) ? `<a href="${OSM_COPYRIGHT}">${text}</a>` : text;
}

function figure(content, caption) {
  return h("figure", { class: "route" }, content, h("figcaption", { class: "route__caption", text: caption }));
}

function draw(box, groups, config, fallback) {
  const L = window.L;
  const map = L.map(box, { scrollWheelZoom: false, zoomSnap: 0.5, keyboard: true });
  map.attributionControl.setPrefix(false);
  const tiles = L.tileLayer(config.tiles_url, {
    attribution: attributionHtml(config),
    maxZoom: 19,
    referrerPolicy: "strict-origin",
  });
  let loaded = 0;
  let failed = 0;
  tiles.on("tileload", () => { loaded += 1; });
  tiles.on("tileerror", () => {
    failed += 1;
    if (!loaded && failed === FAILURES_BEFORE_SKETCH && live.has(map)) {
      live.delete(map);
      map.remove();
      fallback();
    }
  });
  const bounds = [];
  const seen = new Map(); // stops within ~30 m share a spot: their markers sit side by side
  for (const { day, stops } of groups) {
    const colour = `day-colour-${dayColour(day)}`;
    const line = stops.map((s) => [s.lat, s.lon]);
    if (line.length > 1) {
      L.polyline(line, { className: `map-route ${colour}`, interactive: false }).addTo(map);
    }
    stops.forEach((stop, i) => {
      const number = h("span", { class: "map-stop__num", text: i + 1 });
      const spot = `${stop.lat.toFixed(4)},${stop.lon.toFixed(4)}`;
      const shift = seen.get(spot) || 0;
      seen.set(spot, shift + 1);
      const icon = L.divIcon({
        className: `map-stop ${colour}${stop.meal ? " map-stop--meal" : ""}`,
        html: number,
        iconSize: [26, 26],
        iconAnchor: [13 - 28 * shift, 13],
      });
      L.marker([stop.lat, stop.lon], { icon, title: `${i + 1}. ${stop.name}`, keyboard: false, interactive: false })
        .addTo(map);
      bounds.push([stop.lat, stop.lon]);
    });
  }
  map.fitBounds(bounds, { padding: [28, 28], maxZoom: 16 });
  tiles.addTo(map);
  live.add(map);
}

function mapOrSketch({ groups, config, label, caption, sketch, sketchCaption }) {
  const fig = figure(sketch(), sketchCaption);
  if (!tilesUsable(config) || !groups.some((g) => g.stops.length)) return { node: fig, mount() {} };
  const box = h("div", { class: "map", role: "region", "aria-label": label });
  fig.replaceChildren(box, h("figcaption", { class: "route__caption", text: caption }));
  return {
    node: fig,
    mount: () => draw(box, groups, config, () => {
      fig.replaceChildren(sketch(), h("figcaption", { class: "route__caption", text: sketchCaption }));
    }),
  };
}

/**
 * One day's map: `stops` are `{lat, lon, name, meal}` in visiting order. Returns
 * `{node, mount}`; call `mount()` once `node` is in the document (Leaflet measures it).
 */
export function dayMap(day, stops, config) {
  return mapOrSketch({
    groups: [{ day, stops }],
    config,
    label: `Map of day ${day}`,
    caption: "Map · stops numbered in visiting order; meal stops in amber",
    sketch: () => routeSketch(stops, { label: `Route sketch for day ${day}` }),
    sketchCaption: "Route sketch · stops in visiting order, north up",
  });
}

/** The whole trip, one colour per day, with a legend naming each day's colour. */
export function tripMap(days, config) {
  const groups = days.map((d) => ({
    day: d.day,
    stops: d.items.map((i) => ({ lat: i.place.lat, lon: i.place.lon, name: i.place.name, meal: i.kind === "meal" })),
  }));
  const view = mapOrSketch({
    groups,
    config,
    label: "Map of the whole trip",
    caption: "The whole trip · one colour per day",
    sketch: () => overviewSketch(groups, { label: `Sketch of the whole trip: ${days.length} days` }),
    sketchCaption: "The whole trip · one colour per day, north up",
  });
  const legend = h("ul", { class: "legend", "aria-label": "Day colours" },
    days.map((d) => h("li", { class: "legend__item" },
      h("span", { class: `legend__swatch day-colour-${dayColour(d.day)}`, "aria-hidden": "true" }),
      `Day ${d.day}`)));
  view.node.append(legend);
  return view;
}
