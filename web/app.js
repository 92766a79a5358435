// Wayfarer's chat page: the entry point. It holds the page state and binds each concern's
// module to one `page` object, through which the modules reach one another:
//   js/view.js          drawing the page from its state; the busy state
//   js/alerts.js        the notice and error banners
//   js/session-life.js  adopting sessions, start, a session gone (404), "New trip"
//   js/turn.js          sending a turn and streaming its reply
//   js/composer.js      the message box, its draft and its length counter
//   js/chip-editor.js   the preference chips' editor
//   js/trip-actions.js  click edits and the share link
//   js/downloads.js     the export downloads
// What the page offers and assumes (vocabulary, defaults, limits, example cities) comes
// from the server: js/page-config.js.

import { ApiError, getCities } from "./js/api.js";
import { bindAlerts } from "./js/alerts.js";
import { bindChipEditor } from "./js/chip-editor.js";
import { bindComposer } from "./js/composer.js";
import { bindDownloads } from "./js/downloads.js";
import { loadPageConfig } from "./js/page-config.js";
import { pageElements } from "./js/page-elements.js";
import { bindSessionLife } from "./js/session-life.js";
import { bindTripActions } from "./js/trip-actions.js";
import { bindTurns } from "./js/turn.js";
import { bindView } from "./js/view.js";

const page = {
  ui: pageElements(),
  state: {
    session: null,
    busy: false,
    /** The last message that did not get through: `{content, id}`; retries reuse its id. */
    pending: null,
    /** Covered cities (GET /api/cities), for the suggestions and the city chip. */
    cities: [],
    showAllCities: false,
    openChip: null,
    retry: null,
    /** The page configuration (js/page-config.js), null until GET /api/config settles. */
    config: null,
    /** Per-stop details of the current itinerary (GET .../stops), or null until loaded. */
    details: null,
    shareOpen: false,
  },
};

for (const bind of [bindView, bindAlerts, bindSessionLife, bindTurns, bindComposer,
  bindChipEditor, bindTripActions, bindDownloads]) {
  for (const [name, method] of Object.entries(bind(page))) {
    if (name in page) throw new Error(`page.${name} is bound twice`);
    page[name] = method;
  }
}

async function loadCities() {
  try {
    const cities = await getCities();
    page.state.cities = Array.isArray(cities) ? cities : [];
    page.renderSuggestions();
  } catch (exc) {
    // Suggestions are a convenience; the chat works without them.
    if (!(exc instanceof ApiError)) throw exc;
  }
}

async function loadConfig() {
  page.state.config = await loadPageConfig();
  page.sizeComposer();
  if (page.state.session) {
    page.renderTrip();
    page.renderSuggestions();
  }
}

page.restoreDraft();
loadCities();
loadConfig();
page.start();
