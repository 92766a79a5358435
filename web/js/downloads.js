// The export downloads: "Calendar (.ics)" and "Markdown" fetch the plan and save it under
// the file name the server gives in Content-Disposition.

import { ApiError, fetchExport } from "./api.js";
import { h } from "./dom.js";

/** How long the downloaded file's object URL is kept before it is released. */
const KEEP_URL_MS = 10_000;

/**
 * Bind the export buttons to the page (`{state, ui}` plus `showError` and
 * `replaceExpiredSession`). Returns `{download(format, fallbackExtension)}`.
 */
export function bindDownloads(page) {
  const { state, ui } = page;

  /** Download the itinerary as `format` (a file named by the server). */
  async function download(format, fallbackExtension) {
    const session = state.session;
    if (!session || !session.itinerary) return;
    try {
      const { blob, filename } = await fetchExport(session.session_id, format);
      const url = URL.createObjectURL(blob);
      const city = (session.itinerary.city || "trip").toLowerCase().replace(/[^a-z0-9]+/g, "-");
      const link = h("a", { href: url, download: filename || `wayfarer-${city}.${fallbackExtension}`, class: "visually-hidden" });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      if (exc.code === "session_not_found") await page.replaceExpiredSession();
      else page.showError(exc, () => download(format, fallbackExtension));
    }
  }

  ui.exportIcs.addEventListener("click", () => download("ics", "ics"));
  ui.exportMd.addEventListener("click", () => download("markdown", "md"));

  return { download };
}
