// The itinerary region: a summary (with the cost estimate), what the last edit changed,
// a whole-trip map, and one card per day with its stops and its map (or route sketch).
// All text goes in through textContent. The owner's page passes `actions` for the edit
// buttons; the shared page passes none and is read-only.

import { clear, h } from "./dom.js";
import {
  capitalise, distanceKm, formatDateRange, formatDay, formatDistance, formatDuration, formatMoney,
  plural,
} from "./format.js";
import { constraintList, keptIds } from "./constraints.js";
import { dayMap, disposeMaps, tripMap } from "./maps.js";
import { stopNode } from "./stops.js";

/** The itinerary region's parts in a page built like index.html / share.html. */
export function itineraryParts(byId = (id) => document.getElementById(id)) {
  return {
    summary: byId("itinerary-summary"),
    overview: byId("overview"),
    days: byId("days"),
    empty: byId("empty"),
    change: byId("change"),
    changeText: byId("change-text"),
  };
}

/** Total walking-line distance of a day's stops, in km. */
export function dayDistanceKm(items) {
  let total = 0;
  for (let i = 1; i < items.length; i += 1) total += distanceKm(items[i - 1].place, items[i].place);
  return total;
}

function dayActions(day, actions) {
  return h("div", { class: "day__actions", role: "group", "aria-label": `Change the pace of day ${day.day}` },
    h("button", { type: "button", class: "button button--ghost button--small", onclick: () => actions.edit({ op: "change_pace", step: "more_relaxed", day: day.day }) },
      "More relaxed", h("span", { class: "visually-hidden", text: ` day ${day.day}` })),
    h("button", { type: "button", class: "button button--ghost button--small", onclick: () => actions.edit({ op: "change_pace", step: "more_packed", day: day.day }) },
      "More packed", h("span", { class: "visually-hidden", text: ` day ${day.day}` })));
}

function dayCost(itinerary, day) {
  const cost = itinerary.estimated_cost;
  const entry = cost && Array.isArray(cost.per_day) ? cost.per_day.find((d) => d.day === day.day) : null;
  return entry && typeof entry.amount === "number" ? `about ${formatMoney(entry.amount, cost.currency)}` : null;
}

const MODES = { rail: "Train", flight: "Flight", bus: "Bus", ferry: "Ferry" };

/** "Tokyo · days 1–3" for a leg `{city, days: [numbers]}`. */
export function legTitle(leg) {
  const days = leg.days || [];
  if (!days.length) return leg.city;
  const span = days.length === 1 ? `day ${days[0]}` : `days ${days[0]}\u2013${days[days.length - 1]}`;
  return `${leg.city} · ${span}`;
}

/** The move between two legs on its travel day, shown as the day's first step. */
function transferNode(move) {
  const later = move.arrive_day_offset ? ` (+${plural(move.arrive_day_offset, "day")})` : "";
  return h("li", { class: "stop transfer", "data-transfer": `${move.from_city}-${move.to_city}` },
    h("p", { class: "transfer__title" },
      h("span", { class: "tag tag--transfer", text: MODES[move.mode] || capitalise(move.mode) }),
      ` ${move.from_city} \u2192 ${move.to_city}`),
    h("p", { class: "transfer__times",
      text: `Leave ${move.depart}, arrive ${move.arrive}${later} local time · about ${formatDuration(move.minutes)} door to door · ${Math.round(move.km)} km` }),
    move.note ? h("p", { class: "transfer__note", text: move.note }) : null);
}

/** The day numbers a stop of `day` may move to: its leg's days (every day when the
 * itinerary has one leg). */
function legDays(itinerary, day) {
  const leg = (itinerary.legs || []).find((l) => (l.days || []).includes(day.day));
  return leg && itinerary.legs.length > 1 ? leg.days : itinerary.days.map((d) => d.day);
}

function dayCard(day, itinerary, edit, options, mounts) {
  const changedDays = new Set((edit && edit.days) || []);
  const changedPlaces = new Set((edit && edit.place_ids) || []);
  const changed = changedDays.has(day.day) || day.items.some((i) => changedPlaces.has(i.place.id));
  const headingId = `day-${day.day}-title`;
  const activities = day.items.filter((i) => i.kind === "activity").length;
  const facts = [activities === 1 ? "1 activity" : `${activities} activities`];
  if (day.items.length > 1) facts.push(`${formatDistance(dayDistanceKm(day.items))} between stops`);
  const cost = dayCost(itinerary, day);
  if (cost) facts.push(cost);

  const context = {
    day: day.day,
    days: legDays(itinerary, day),
    changed: changedPlaces,
    kept: options.kept,
    details: options.details,
    currency: itinerary.estimated_cost && itinerary.estimated_cost.currency,
    actions: options.actions,
  };
  const stops = day.items.map((item, index) => stopNode(item, index, day.items[index + 1], context));
  if (day.transfer) stops.unshift(transferNode(day.transfer));
  const multi = (itinerary.legs || []).length > 1;
  let map = null;
  if (day.items.length) {
    const view = dayMap(day.day, day.items.map((i) => ({
      lat: i.place.lat, lon: i.place.lon, name: i.place.name, meal: i.kind === "meal",
    })), options.map);
    mounts.push(view.mount);
    map = view.node;
  }

  return h("article", { class: `day${changed ? " day--changed" : ""}`, "aria-labelledby": headingId, "data-day": day.day, tabindex: "-1" },
    h("header", { class: "day__head" },
      h("div", { class: "day__title-row" },
        h("h3", { class: "day__title", id: headingId, text: `Day ${day.day}` }),
        multi && day.city ? h("span", { class: "day__city", text: day.city }) : null,
        day.date ? h("span", { class: "day__date", text: formatDay(day.date) }) : null,
        changed ? h("span", { class: "badge badge--changed", text: "Updated" }) : null),
      day.theme ? h("p", { class: "day__theme", text: day.theme }) : null,
      h("p", { class: "day__facts", text: facts.join(" · ") }),
      options.actions ? dayActions(day, options.actions) : null),
    h("div", { class: "day__body" },
      stops.length ? h("ol", { class: "stops", "aria-label": `Day ${day.day} stops` }, stops)
        : h("p", { class: "day__free", text: emptyDayText(day) }),
      day.transfer && !day.items.length
        ? h("p", { class: "day__free", text: "A travel day: no stops planned." }) : null,
      map));
}

function emptyDayText(day) {
  if (day.free_until) return `No time for sights before you leave (free until ${day.free_until}).`;
  if (day.free_from) return `No time for sights after you arrive (free from ${day.free_from}).`;
  return "A free day: nothing scheduled.";
}

function costFacts(cost) {
  if (!cost) return [];
  let text = `${capitalise(cost.level)} budget`;
  if (cost.amount) {
    text += ` · about ${formatMoney(cost.amount, cost.currency)}`;
    if (cost.travelers && cost.travelers > 1) text += ` for ${cost.travelers} people`;
    else if (cost.per_person) text += " per person";
  }
  return [text];
}

function costBreakdown(cost) {
  const parts = cost && cost.breakdown;
  if (!parts || !cost.currency) return null;
  const rows = [["Entries", parts.entries], ["Meals", parts.meals], ["Transport", parts.transport]]
    .filter(([, amount]) => typeof amount === "number")
    .map(([name, amount]) => h("li", { text: `${name}: about ${formatMoney(amount, cost.currency)}` }));
  if (typeof cost.budget === "number") {
    rows.push(h("li", { text: `Your budget: ${formatMoney(cost.budget, cost.currency)}` }));
  }
  return rows.length ? h("ul", { class: "summary__cost", "aria-label": "Estimated cost" }, rows) : null;
}

/**
 * Render `itinerary` (SPEC §6) into the region's parts; `edit` is the session's
 * `last_edit` ({description, days[], place_ids[]}) whose changes get highlighted.
 * `options`: `{map: {tiles_url, attribution}, details: [StopDetails] | null,
 * actions: {edit(op), keep} | null, constraints: SessionView constraints | null}`; kept
 * (pinned) stops are marked and the constraints listed under the summary.
 */
export function renderItinerary(parts, itinerary, edit, options = {}) {
  const { summary, overview, days, empty, change, changeText } = parts;
  disposeMaps();
  clear(days);
  clear(summary);
  if (overview) clear(overview);
  empty.hidden = Boolean(itinerary);
  summary.hidden = !itinerary;
  if (overview) overview.hidden = !itinerary;
  change.hidden = !(itinerary && edit && edit.description);
  changeText.textContent = (itinerary && edit && edit.description) || "";
  if (!itinerary) return;

  const details = new Map((options.details || []).map((d) => [`${d.day}:${d.place_id}`, d]));
  const settings = {
    map: options.map || null, details, actions: options.actions || null,
    kept: keptIds(options.constraints),
  };
  const first = itinerary.days[0];
  const facts = [plural(itinerary.days.length, "day")];
  if (first && first.date) facts.push(formatDateRange(first.date, itinerary.days.length));
  facts.push(...costFacts(itinerary.estimated_cost));
  const legs = itinerary.legs || [];
  const place = legs.length > 1 ? legs.map((leg) => leg.city).join(" \u2192 ")
    : [itinerary.city, itinerary.country].filter(Boolean).join(", ");
  summary.append(
    h("p", { class: "summary__place", text: place }),
    h("p", { class: "summary__facts", text: facts.join(" · ") }));
  const breakdown = costBreakdown(itinerary.estimated_cost);
  if (breakdown) summary.append(breakdown);
  if (itinerary.assumptions && itinerary.assumptions.length) {
    summary.append(h("ul", { class: "summary__assumptions", "aria-label": "Assumptions" },
      itinerary.assumptions.map((text) => h("li", { text }))));
  }
  const rules = constraintList(options.constraints);
  if (rules) summary.append(rules);
  const mounts = [];
  if (overview && itinerary.days.length > 1) {
    const whole = tripMap(itinerary.days, settings.map);
    overview.append(whole.node);
    mounts.push(whole.mount);
  }
  const starts = new Map(legs.length > 1 ? legs.map((leg) => [leg.days[0], leg]) : []);
  for (const day of itinerary.days) {
    const leg = starts.get(day.day);
    if (leg) days.append(h("h3", { class: "leg__title", "data-leg": leg.city, text: legTitle(leg) }));
    days.append(dayCard(day, itinerary, edit, settings, mounts));
  }
  for (const mount of mounts) mount();
}
