// The per-day route sketch: stops projected from lat/lon onto a small SVG, joined in
// visiting order. Drawn from coordinates only: no map tiles, nothing fetched.

import { svg } from "./dom.js";

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQUATOR = 111.32;
const MIN_SPAN_KM = 0.4;
const SCALE_STEPS_KM = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50];

/**
 * Project `points` ({lat, lon}) into the rectangle `box` ({left, top, right, bottom}),
 * north up, distances true to scale in both axes (equirectangular around the points' mean
 * latitude). Returns `{points: [{x, y}], unitsPerKm}`; a single stop (or identical stops)
 * sits centred.
 */
export function projectRoute(points, box) {
  if (!points.length) return { points: [], unitsPerKm: 0 };
  const meanLat = points.reduce((sum, p) => sum + p.lat, 0) / points.length;
  const kmPerDegLon = KM_PER_DEG_LON_EQUATOR * Math.cos((meanLat * Math.PI) / 180);
  const km = points.map((p) => ({ x: p.lon * kmPerDegLon, y: -p.lat * KM_PER_DEG_LAT }));
  const xs = km.map((p) => p.x);
  const ys = km.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const unitsPerKm = Math.min(
    width / Math.max(maxX - minX, MIN_SPAN_KM),
    height / Math.max(maxY - minY, MIN_SPAN_KM),
  );
  const offsetX = box.left + (width - (maxX - minX) * unitsPerKm) / 2;
  const offsetY = box.top + (height - (maxY - minY) * unitsPerKm) / 2;
  return {
    points: km.map((p) => ({
      x: round(offsetX + (p.x - minX) * unitsPerKm),
      y: round(offsetY + (p.y - minY) * unitsPerKm),
    })),
    unitsPerKm,
  };
}

/** The longest "round" distance whose bar fits in `maxUnits` at `unitsPerKm`. */
export function scaleBarKm(unitsPerKm, maxUnits) {
  let best = SCALE_STEPS_KM[0];
  for (const step of SCALE_STEPS_KM) if (step * unitsPerKm <= maxUnits) best = step;
  return best;
}

/**
 * Marker positions for `points` with no two closer than `gap` units: a marker too close to
 * an earlier one is pushed away from it (stops a few metres apart stay readable). The
 * route line keeps the true positions.
 */
export function spreadMarkers(points, gap = 18) {
  const placed = [];
  for (const p of points) {
    let { x, y } = p;
    for (let pass = 0; pass < 3; pass += 1) {
      for (const q of placed) {
        const dx = x - q.x;
        const dy = y - q.y;
        const d = Math.hypot(dx, dy);
        if (d >= gap) continue;
        const angle = d > 0.01 ? Math.atan2(dy, dx) : (placed.length * 2.4);
        x = q.x + Math.cos(angle) * gap;
        y = q.y + Math.sin(angle) * gap;
      }
    }
    placed.push({ x: round(x), y: round(y) });
  }
  return placed;
}

function round(value) {
  return Math.round(value * 10) / 10;
}

/** An SVG path through `points` ({x, y}) in order. */
function pathThrough(points) {
  return points.map((p, i) => `${i ? "L" : "M"}${p.x} ${p.y}`).join(" ");
}

/** An empty <svg role="img"> of `width` x `height` named `label`, its background drawn. */
function sketchCanvas(className, label, width, height) {
  const root = svg("svg", {
    class: className,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": label,
    focusable: "false",
  }, svg("title", { text: label }));
  root.append(svg("rect", { class: "route__bg", x: 0, y: 0, width, height, rx: 14 }));
  return root;
}

/**
 * An <svg role="img"> sketch of one day's stops. `stops` are `{lat, lon, name, meal}` in
 * visiting order; numbers on the markers match the numbered list beside it.
 */
export function routeSketch(stops, { label, width = 320, height = 200 } = {}) {
  // Margins keep markers clear of the north arrow (top right) and the scale bar (bottom).
  const box = { left: 22, top: 20, right: width - 44, bottom: height - 32 };
  const { points, unitsPerKm } = projectRoute(stops, box);
  const titleText = `${label}: ${stops.map((s, i) => `${i + 1} ${s.name}`).join(", ")}`;
  const root = sketchCanvas("route__svg", titleText, width, height);
  for (let x = 40; x < width; x += 40) {
    root.append(svg("line", { class: "route__grid", x1: x, y1: 0, x2: x, y2: height }));
  }
  for (let y = 40; y < height; y += 40) {
    root.append(svg("line", { class: "route__grid", x1: 0, y1: y, x2: width, y2: y }));
  }
  if (points.length > 1) {
    const d = pathThrough(points);
    root.append(svg("path", { class: "route__casing", d }));
    root.append(svg("path", { class: "route__line", d }));
  }
  spreadMarkers(points).forEach((p, i) => {
    const kind = stops[i].meal ? "route__stop route__stop--meal" : "route__stop";
    root.append(svg("g", { class: kind },
      svg("circle", { cx: p.x, cy: p.y, r: 10 }),
      svg("text", { x: p.x, y: p.y, dy: "0.35em", "text-anchor": "middle", text: i + 1 })));
  });

  if (unitsPerKm > 0) {
    const km = scaleBarKm(unitsPerKm, width * 0.28);
    const length = round(km * unitsPerKm);
    const y = height - 12;
    root.append(svg("g", { class: "route__scale" },
      svg("line", { x1: 12, y1: y, x2: 12 + length, y2: y }),
      svg("line", { x1: 12, y1: y - 4, x2: 12, y2: y + 1 }),
      svg("line", { x1: 12 + length, y1: y - 4, x2: 12 + length, y2: y + 1 }),
      svg("text", { x: 18 + length, y, dy: "0.3em", text: km < 1 ? `${Math.round(km * 1000)} m` : `${km} km` })));
  }
  root.append(svg("g", { class: "route__north" },
    svg("path", { d: `M${width - 18} 12 L${width - 13} 24 L${width - 18} 21 L${width - 23} 24 Z` }),
    svg("text", { x: width - 18, y: 36, "text-anchor": "middle", text: "N" })));
  return root;
}

/** Colour slot (1-6) of trip day `day`, shared by the sketches, the maps and their legends. */
export function dayColour(day) {
  return ((Number(day) - 1) % 6) + 1;
}

/**
 * An <svg role="img"> of the whole trip: each day's stops joined in its own colour.
 * `days` are `{day, stops: [{lat, lon, name}]}`.
 */
export function overviewSketch(days, { label, width = 640, height = 260 } = {}) {
  const box = { left: 16, top: 16, right: width - 16, bottom: height - 16 };
  const all = days.flatMap((d) => d.stops);
  const { points } = projectRoute(all, box);
  const root = sketchCanvas("route__svg route__svg--overview", label, width, height);
  let offset = 0;
  for (const { day, stops } of days) {
    const mine = points.slice(offset, offset + stops.length);
    offset += stops.length;
    const colour = `day-colour-${dayColour(day)}`;
    if (mine.length > 1) {
      root.append(svg("path", { class: `route__line ${colour}`, d: pathThrough(mine) }));
    }
    for (const p of mine) root.append(svg("circle", { class: `route__dot ${colour}`, cx: p.x, cy: p.y, r: 5 }));
  }
  return root;
}
