// The city suggestions under a fresh conversation: featured cities first, every covered
// city one click away. Each button sends the opening message for its city.

import { clear, h } from "./dom.js";
import { prompts } from "./prompts.js";

/** Cities offered first when the catalog has them; the rest are one click away. */
const FEATURED = ["Lisbon", "Kyoto", "Mexico City", "Marrakech", "Rome", "New York"];

/**
 * Draw the suggestions into `ui.suggestions` / `ui.suggestionsList` from `state`
 * (`{session, cities, showAllCities, busy}`); `fresh` says the traveller has not written
 * yet; `send(text)` sends a message.
 */
export function renderSuggestions(ui, state, { fresh, send }) {
  ui.suggestions.hidden = !(fresh && state.cities.length);
  clear(ui.suggestionsList);
  const featured = state.cities.filter((c) => FEATURED.includes(c.name));
  const shown = state.showAllCities || featured.length < 3 ? state.cities : featured;
  for (const city of shown) {
    ui.suggestionsList.append(h("li", {},
      h("button", {
        type: "button",
        class: "suggestion",
        disabled: state.busy || null,
        onclick: () => send(prompts.city(city.name, false)),
      },
      h("span", { class: "suggestion__city", text: city.name }),
      h("span", { class: "suggestion__meta", text: city.country }))));
  }
  if (shown.length < state.cities.length) {
    ui.suggestionsList.append(h("li", {},
      h("button", {
        type: "button",
        class: "suggestion suggestion--more",
        disabled: state.busy || null,
        "aria-expanded": "false",
        onclick: () => {
          state.showAllCities = true;
          renderSuggestions(ui, state, { fresh, send });
          const next = ui.suggestionsList.querySelectorAll("button")[shown.length];
          if (next) next.focus();
        },
      }, `All ${state.cities.length} cities`)));
  }
}
