// The itinerary region: a summary, what the last edit changed, and one card per day with
// its stops and an SVG route sketch. All text goes in through textContent.

import { clear, h } from "./dom.js";
import {
  capitalise, distanceKm, formatDateRange, formatDay, formatDistance, formatDuration,
  mealName, minutesBetween, plural,
} from "./format.js";
import { routeSketch } from "./route.js";

/** Total walking-line distance of a day's stops, in km. */
export function dayDistanceKm(items) {
  let total = 0;
  for (let i = 1; i < items.length; i += 1) total += distanceKm(items[i - 1].place, items[i].place);
  return total;
}

function stopNode(item, index, changedPlaces) {
  const meal = item.kind === "meal";
  const changed = changedPlaces.has(item.place.id);
  const tags = [
    h("span", { class: `tag${meal ? " tag--meal" : ""}`, text: meal ? mealName(item.start) : capitalise(item.place.category) }),
  ];
  if (meal) tags.push(h("span", { class: "tag tag--quiet", text: capitalise(item.place.category) }));
  if (item.place.cost_level === 0) tags.push(h("span", { class: "tag tag--quiet", text: "Free" }));
  if (changed) tags.push(h("span", { class: "tag tag--changed", text: "Changed" }));
  return h("li", { class: `stop${meal ? " stop--meal" : ""}${changed ? " stop--changed" : ""}` },
    h("span", { class: "stop__num", "aria-hidden": "true", text: index + 1 }),
    h("div", { class: "stop__body" },
      h("p", { class: "stop__time" },
        h("time", { text: item.start }), "–", h("time", { text: item.end }),
        h("span", { class: "stop__duration", text: ` · ${formatDuration(minutesBetween(item.start, item.end))}` })),
      h("p", { class: "stop__name", text: item.place.name }),
      h("p", { class: "stop__tags" }, tags),
      item.note ? h("p", { class: "stop__note", text: item.note }) : null));
}

function dayCard(day, edit) {
  const changedDays = new Set((edit && edit.days) || []);
  const changedPlaces = new Set((edit && edit.place_ids) || []);
  const changed = changedDays.has(day.day) || day.items.some((i) => changedPlaces.has(i.place.id));
  const headingId = `day-${day.day}-title`;
  const activities = day.items.filter((i) => i.kind === "activity").length;
  const distance = dayDistanceKm(day.items);
  const facts = [activities === 1 ? "1 activity" : `${activities} activities`];
  if (day.items.length > 1) facts.push(`${formatDistance(distance)} between stops`);

  const stops = day.items.map((item, index) => stopNode(item, index, changedPlaces));
  const sketch = day.items.length
    ? h("figure", { class: "route" },
      routeSketch(day.items.map((i) => ({ lat: i.place.lat, lon: i.place.lon, name: i.place.name, meal: i.kind === "meal" })),
        { label: `Route sketch for day ${day.day}` }),
      h("figcaption", { class: "route__caption", text: "Route sketch · stops in visiting order, north up" }))
    : null;

  return h("article", { class: `day${changed ? " day--changed" : ""}`, "aria-labelledby": headingId },
    h("header", { class: "day__head" },
      h("div", { class: "day__title-row" },
        h("h3", { class: "day__title", id: headingId, text: `Day ${day.day}` }),
        day.date ? h("span", { class: "day__date", text: formatDay(day.date) }) : null,
        changed ? h("span", { class: "badge badge--changed", text: "Updated" }) : null),
      day.theme ? h("p", { class: "day__theme", text: day.theme }) : null,
      h("p", { class: "day__facts", text: facts.join(" · ") })),
    h("div", { class: "day__body" },
      day.items.length ? h("ol", { class: "stops", "aria-label": `Day ${day.day} stops` }, stops)
        : h("p", { class: "day__free", text: "A free day: nothing scheduled." }),
      sketch));
}

/**
 * Render `itinerary` (SPEC §6) into the region's parts; `edit` is the session's
 * `last_edit` ({description, days[], place_ids[]}) whose changes get highlighted.
 */
export function renderItinerary(parts, itinerary, edit) {
  const { summary, days, empty, change, changeText } = parts;
  clear(days);
  clear(summary);
  empty.hidden = Boolean(itinerary);
  summary.hidden = !itinerary;
  change.hidden = !(itinerary && edit && edit.description);
  changeText.textContent = (itinerary && edit && edit.description) || "";
  if (!itinerary) return;

  const first = itinerary.days[0];
  const facts = [plural(itinerary.days.length, "day")];
  if (first && first.date) facts.push(formatDateRange(first.date, itinerary.days.length));
  const cost = itinerary.estimated_cost;
  if (cost) {
    let text = `${capitalise(cost.level)} budget`;
    if (cost.amount) text += ` · about ${Math.round(cost.amount).toLocaleString("en-GB")}${cost.currency ? ` ${cost.currency}` : ""}`;
    facts.push(text);
  }
  summary.append(
    h("p", { class: "summary__place", text: [itinerary.city, itinerary.country].filter(Boolean).join(", ") }),
    h("p", { class: "summary__facts", text: facts.join(" · ") }));
  if (itinerary.assumptions && itinerary.assumptions.length) {
    summary.append(h("ul", { class: "summary__assumptions", "aria-label": "Assumptions" },
      itinerary.assumptions.map((text) => h("li", { text }))));
  }
  for (const day of itinerary.days) days.append(dayCard(day, edit));
}
