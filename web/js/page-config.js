// The deployment's page settings, from GET /api/config (docs/spec.md "Page configuration"):
// the map tiles, the edit operations the server accepts, and the vocabulary, defaults,
// limits and example cities the page offers. The server reads them from its own models and
// settings, so the page keeps no copy that could drift from them.
//
// When the call fails the page still works, offering only what it does not have to know:
// sketches instead of maps, no click-only operation the server did not confirm, chip
// editors with "Write it myself" (and a date field), no length counter (the server still
// explains a message that is too long), and every covered city by country.

import { getConfig } from "./api.js";

const NO_TILES = Object.freeze({ tiles_url: "", attribution: "" });

/** What the page knows when the server could not say. */
export const UNKNOWN = Object.freeze({
  map: NO_TILES,
  editOps: [],
  vocabulary: Object.freeze({ interests: [], paces: [], budgets: [] }),
  defaults: Object.freeze({}),
  limits: Object.freeze({}),
  exampleCities: [],
});

const list = (value) => (Array.isArray(value) ? value : []);
const object = (value) => (value && typeof value === "object" ? value : {});

/**
 * The body of GET /api/config as the page uses it: `{map: {tiles_url, attribution},
 * editOps, vocabulary: {interests, paces, budgets}, defaults: {days, pace, budget},
 * limits: {message_chars, trip_days, travelers}, exampleCities}`; a part missing from
 * `config` is the UNKNOWN one.
 */
export function pageConfig(config) {
  const body = object(config);
  const vocabulary = object(body.vocabulary);
  return {
    map: body.map || NO_TILES,
    editOps: list(body.edit_ops),
    vocabulary: {
      interests: list(vocabulary.interests),
      paces: list(vocabulary.paces),
      budgets: list(vocabulary.budgets),
    },
    defaults: object(body.defaults),
    limits: object(body.limits),
    exampleCities: list(body.example_cities),
  };
}

/** Fetch the page configuration; UNKNOWN when the server cannot be asked. */
export async function loadPageConfig() {
  try {
    return pageConfig(await getConfig());
  } catch {
    return UNKNOWN;
  }
}
