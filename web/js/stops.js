// One stop of a day: time, name, tags, and its details (hours that day, price and cost,
// why it was chosen, travel to the next stop, "Open in maps"), plus, on the owner's page,
// the buttons that edit it. Realism fields (item.cost, item.meal, place.serves) are shown
// when the itinerary has them and simply left out when it does not.

import { h } from "./dom.js";
import {
  capitalise, formatDistance, formatDuration, formatMoney, mealName, minutesBetween,
} from "./format.js";

const PRICE_WORDS = ["Free", "Inexpensive", "Moderately priced", "Expensive", "Very expensive"];

/** `geo:` URI of a place (phones open their maps app) and its OpenStreetMap fallback. */
export function mapLinks(place) {
  const lat = Number(place.lat).toFixed(5);
  const lon = Number(place.lon).toFixed(5);
  return {
    geo: `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(place.name)})`,
    osm: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`,
  };
}

function mealLabel(item) {
  if (item.meal === "lunch" || item.meal === "dinner") return capitalise(item.meal);
  return mealName(item.start);
}

function priceText(item, currency) {
  const parts = [];
  const level = item.place.cost_level;
  if (Number.isInteger(level) && PRICE_WORDS[level]) parts.push(PRICE_WORDS[level]);
  const cost = item.cost;
  const amount = cost && typeof cost === "object" ? cost.amount : cost;
  if (typeof amount === "number" && amount > 0) {
    const money = formatMoney(amount, (cost && cost.currency) || currency);
    parts.push(`about ${money} per person`);
  }
  return parts.join(" · ");
}

function travelText(leg) {
  if (!leg) return "";
  const how = leg.mode === "transit" ? "by public transport" : "on foot";
  return `Next stop: ${formatDistance(leg.km)}, about ${formatDuration(leg.minutes)} ${how}`;
}

function detailLines(item, detail, currency) {
  const lines = [];
  if (detail && detail.hours) {
    const hours = detail.hours === "closed" ? "Closed that day" : `Open ${detail.hours} that day`;
    const closed = detail.closed_on && detail.closed_on.length
      ? ` · closed on ${detail.closed_on.join(", ")}` : "";
    lines.push(h("p", { class: "stop__hours", text: hours + closed }));
  }
  const price = priceText(item, currency);
  if (price) lines.push(h("p", { class: "stop__price", text: price }));
  if (item.place.serves && item.place.serves.length) {
    lines.push(h("p", { class: "stop__serves", text: `Serves ${item.place.serves.join(" and ")}` }));
  }
  if (detail && detail.why) lines.push(h("p", { class: "stop__why", text: detail.why }));
  return lines;
}

function actionButtons(item, day, days, actions, kept) {
  const target = { name: item.place.name, day };
  const name = item.place.name;
  const buttons = [
    h("button", { type: "button", class: "button button--ghost button--small", onclick: () => actions.edit({ op: "remove", target }) },
      "Remove", h("span", { class: "visually-hidden", text: ` ${name}` })),
    h("button", { type: "button", class: "button button--ghost button--small", onclick: () => actions.edit({ op: "replace", target }) },
      "Replace with something similar", h("span", { class: "visually-hidden", text: ` to ${name}` })),
  ];
  if (actions.keep && !kept) {
    buttons.push(h("button", { type: "button", class: "button button--ghost button--small", onclick: () => actions.edit({ op: "pin", target }) },
      "Keep", h("span", { class: "visually-hidden", text: ` ${name}` })));
  }
  const others = days.filter((d) => d !== day);
  if (item.kind === "activity" && others.length) {
    const id = `move-${day}-${item.place.id}`;
    const select = h("select", { id, class: "stop__move-select" },
      others.map((d) => h("option", { value: d, text: `Day ${d}` })));
    buttons.push(h("span", { class: "stop__move" },
      h("label", { for: id, class: "visually-hidden", text: `Move ${name} to` }),
      select,
      h("button", {
        type: "button",
        class: "button button--ghost button--small",
        onclick: () => actions.edit({ op: "move", target, to_day: Number(select.value) }),
      }, "Move", h("span", { class: "visually-hidden", text: ` ${name} to the chosen day` }))));
  }
  return h("div", { class: "stop__actions", role: "group", "aria-label": `Change ${name}` }, buttons);
}

/**
 * A stop's <li>. `context` is `{day, days: [day numbers], changed: Set, kept: Set,
 * details: Map, currency, actions}`; `actions` (the owner's page only) is
 * `{edit(op), keep}`. A kept (pinned) stop is tagged "Kept" and offers no Keep button.
 */
export function stopNode(item, index, next, context) {
  const meal = item.kind === "meal";
  const changed = context.changed.has(item.place.id);
  const kept = Boolean(context.kept && context.kept.has(item.place.id));
  const detail = context.details ? context.details.get(`${context.day}:${item.place.id}`) : null;
  const tags = [
    h("span", { class: `tag${meal ? " tag--meal" : ""}`, text: meal ? mealLabel(item) : capitalise(item.place.category) }),
  ];
  if (meal) tags.push(h("span", { class: "tag tag--quiet", text: capitalise(item.place.category) }));
  if (changed) tags.push(h("span", { class: "tag tag--changed", text: "Changed" }));
  if (kept) tags.push(h("span", { class: "tag tag--kept", text: "Kept" }));
  const links = mapLinks(item.place);
  const leg = detail ? travelText(detail.travel_next) : "";
  const state = `${meal ? " stop--meal" : ""}${changed ? " stop--changed" : ""}${kept ? " stop--kept" : ""}`;
  return h("li", { class: `stop${state}` },
    h("span", { class: "stop__num", "aria-hidden": "true", text: index + 1 }),
    h("div", { class: "stop__body" },
      h("p", { class: "stop__time" },
        h("time", { text: item.start }), "–", h("time", { text: item.end }),
        h("span", { class: "stop__duration", text: ` · ${formatDuration(minutesBetween(item.start, item.end))}` })),
      h("p", { class: "stop__name", text: item.place.name }),
      h("p", { class: "stop__tags" }, tags),
      item.note ? h("p", { class: "stop__note", text: item.note }) : null,
      detailLines(item, detail, context.currency),
      h("p", { class: "stop__links" },
        h("a", { href: links.geo, class: "stop__link" }, "Open in maps",
          h("span", { class: "visually-hidden", text: `: ${item.place.name}` })),
        " · ",
        h("a", { href: links.osm, class: "stop__link", rel: "noopener noreferrer", target: "_blank" },
          "OpenStreetMap", h("span", { class: "visually-hidden", text: ` (${item.place.name}, opens in a new tab)` }))),
      context.actions ? actionButtons(item, context.day, context.days, context.actions, kept) : null,
      leg && next ? h("p", { class: "stop__travel", text: leg }) : null));
}
