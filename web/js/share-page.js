// The read-only page of a shared trip (/share/{token}): the itinerary, its maps and
// exports. It knows only the share token: no session id, history or edit control.

import { ApiError, getShared, sharedExportUrl } from "./api.js";
import { plural } from "./format.js";
import { itineraryParts, renderItinerary } from "./itinerary.js";
import { loadPageConfig } from "./page-config.js";

const $ = (id) => document.getElementById(id);

async function main() {
  const token = decodeURIComponent(window.location.pathname.split("/").filter(Boolean).pop() || "");
  const status = $("trip-status");
  let shared;
  try {
    shared = await getShared(token);
  } catch (exc) {
    if (!(exc instanceof ApiError)) throw exc;
    if (exc.status === 404) {
      $("gone").hidden = false;
      status.textContent = "";
      document.title = "Shared trip unavailable — Wayfarer";
    } else {
      status.textContent = "Wayfarer can’t load this trip right now. Please reload in a moment.";
    }
    return;
  }
  const itinerary = shared.itinerary;
  $("trip-title").textContent = `A trip to ${itinerary.city}`;
  document.title = `${plural(itinerary.days.length, "day")} in ${itinerary.city} — shared with Wayfarer`;
  status.textContent = `${plural(itinerary.days.length, "day")} · read-only`;
  $("export-ics").href = sharedExportUrl(token, "ics");
  $("export-md").href = sharedExportUrl(token, "markdown");
  $("exports").hidden = false;
  const { map } = await loadPageConfig();
  renderItinerary(itineraryParts(), itinerary, null, { map, details: shared.details || null });
}

main();
