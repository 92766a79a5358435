// The traveller's lasting rules (SessionView `constraints`, docs/spec.md): kept places,
// removed places, a day's own pace, the earliest start, meal wishes, per-day caps
// (`day_limits`, schema 6), the arrival and the departure (schema 10). Every re-plan
// keeps them, so the page lists them under the trip summary and marks kept stops.

import { h } from "./dom.js";

const MEALS = {
  later_dinner: "Dinner later",
  earlier_dinner: "Dinner earlier",
  vegetarian: "Vegetarian meals",
  fancy: "Special-occasion meals",
  cheap: "Inexpensive meals",
  local: "Local food",
};

const onDay = (day) => (day ? ` (day ${day})` : "");
const by = (end) => (end.mode === "flight" ? " (flight)" : end.mode === "train" ? " (train)" : "");

/** Place ids the traveller kept (pinned), for marking their stops. */
export function keptIds(constraints) {
  return new Set(((constraints && constraints.pinned) || []).map((p) => p.place_id));
}

/** One line per constraint, in a fixed order; [] when there are none. */
export function constraintLines(constraints) {
  if (!constraints) return [];
  const lines = [];
  for (const pin of constraints.pinned || []) lines.push(`Keep ${pin.name}${onDay(pin.day)}`);
  for (const gone of constraints.excluded || []) lines.push(`Leave out ${gone.name}`);
  for (const pace of constraints.day_pace || []) lines.push(`Day ${pace.day}: ${pace.pace} pace`);
  if (constraints.day_start) lines.push(`Days start no earlier than ${constraints.day_start}`);
  for (const meal of constraints.meals || []) {
    lines.push(`${MEALS[meal.wish] || meal.wish}${onDay(meal.day)}`);
  }
  for (const cap of constraints.day_limits || []) {
    const what = `${cap.category || "stop"}${cap.limit > 1 ? "s" : ""}`;
    lines.push(`At most ${cap.limit} ${what} a day`);
  }
  if (constraints.arrival) lines.push(`Arriving at ${constraints.arrival.time}${by(constraints.arrival)}`);
  if (constraints.departure) lines.push(`Leaving at ${constraints.departure.time}${by(constraints.departure)}`);
  return lines;
}

/** The "Kept for every re-plan" list, or null when the traveller set no constraint. */
export function constraintList(constraints) {
  const lines = constraintLines(constraints);
  if (!lines.length) return null;
  return h("div", { class: "summary__rules" },
    h("p", { class: "summary__rules-title", id: "rules-title", text: "Kept when the plan changes" }),
    h("ul", { class: "summary__rules-list", "aria-labelledby": "rules-title" },
      lines.map((text) => h("li", { text }))));
}
