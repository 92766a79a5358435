// The city suggestions under a fresh conversation: the example cities the agent itself
// names (GET /api/config) first, every covered city one click away, grouped by country.
// Each button sends the opening message for its city.

import { clear, h } from "./dom.js";
import { prompts } from "./prompts.js";

/**
 * Draw the suggestions into `ui.suggestions` / `ui.suggestionsList` from `state`
 * (`{cities, config, showAllCities, busy}`; nothing until the page configuration has
 * settled, so the list does not change shape under the reader); `fresh` says the traveller
 * has not written yet; `send(text)` sends a message.
 */
export function renderSuggestions(ui, state, { fresh, send }) {
  ui.suggestions.hidden = !(fresh && state.cities.length && state.config);
  clear(ui.suggestionsList);
  if (ui.suggestions.hidden) return;
  const featured = state.config.exampleCities
    .map((name) => state.cities.find((c) => c.name === name))
    .filter(Boolean);
  const all = state.showAllCities || featured.length < 3;
  const button = (city) => h("button", {
    type: "button",
    class: "suggestion",
    disabled: state.busy || null,
    onclick: () => send(prompts.city(city.name, false)),
  },
  h("span", { class: "suggestion__city", text: city.name }),
  all ? null : h("span", { class: "suggestion__meta", text: city.country }));
  if (all) {
    for (const [country, cities] of byCountry(state.cities)) {
      ui.suggestionsList.append(h("li", { class: "suggestions__country" },
        h("span", { class: "suggestions__country-name", id: countryId(country), text: country }),
        h("ul", { class: "suggestions__group", "aria-labelledby": countryId(country) },
          cities.map((city) => h("li", {}, button(city))))));
    }
    return;
  }
  for (const city of featured) ui.suggestionsList.append(h("li", {}, button(city)));
  ui.suggestionsList.append(h("li", {},
    h("button", {
      type: "button",
      class: "suggestion suggestion--more",
      disabled: state.busy || null,
      "aria-expanded": "false",
      onclick: () => {
        state.showAllCities = true;
        renderSuggestions(ui, state, { fresh, send });
        const first = ui.suggestionsList.querySelector("button");
        if (first) first.focus();
      },
    }, `All ${state.cities.length} cities by country`)));
}

/** `cities` ([{name, country}]) as [country, cities] pairs, countries by name. */
export function byCountry(cities) {
  const groups = new Map();
  for (const city of cities) {
    if (!groups.has(city.country)) groups.set(city.country, []);
    groups.get(city.country).push(city);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function countryId(country) {
  return `cities-${country.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}
