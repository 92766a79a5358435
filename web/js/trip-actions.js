// The trip's own actions, outside the conversation: click edits (POST .../edits), the
// read-only share link, and the export downloads. Each goes through the page controller
// (`page`): its state, busy flag, error banner and the session it adopts.

import { ApiError, fetchExport, sendEdit, setShared } from "./api.js";
import { h } from "./dom.js";

/**
 * The trip actions bound to the page controller `page`: `{state, ui, setBusy, adopt,
 * announceTrip, showError, hideError, hideNotice, replaceExpiredSession, renderTrip}`.
 */
export function tripActions(page) {
  const { state, ui } = page;

  /** Apply one typed edit; the reply joins the chat like any other. */
  async function applyEdit(op) {
    const before = state.session;
    if (state.busy || !before || !before.itinerary) return;
    page.hideError();
    page.hideNotice();
    page.setBusy(true);
    try {
      const result = await sendEdit(before.session_id, op);
      page.adopt(result.session);
      page.announceTrip(before, result.session);
      // The clicked button is gone with the old card: keep the reader on the changed day.
      const edited = result.session.last_edit && result.session.last_edit.days[0];
      const card = edited && document.querySelector(`article[data-day="${edited}"]`);
      if (card) card.focus();
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      if (exc.code === "session_not_found") await page.replaceExpiredSession();
      else if (exc.status === 422) page.showError({ status: 422, code: "edit_rejected", message: exc.message }, null);
      else page.showError(exc, () => applyEdit(op));
    } finally {
      page.setBusy(false);
    }
  }

  /** Open the share panel (making the link if needed), or turn the link off. */
  async function toggleShare(on) {
    const session = state.session;
    if (!session || state.busy) return;
    if (on && session.share) {
      state.shareOpen = !state.shareOpen;
      page.renderTrip();
      if (state.shareOpen) ui.shareUrl.select();
      return;
    }
    page.hideError();
    page.setBusy(true);
    try {
      const updated = await setShared(session.session_id, on);
      state.shareOpen = on;
      page.adopt(updated);
      ui.tripLive.textContent = on ? "Share link ready." : "The share link is turned off.";
      if (on) ui.shareUrl.select();
      else ui.share.focus();
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      if (exc.code === "session_not_found") await page.replaceExpiredSession();
      else page.showError(exc, () => toggleShare(on));
    } finally {
      page.setBusy(false);
    }
  }

  async function copyShareLink() {
    ui.shareUrl.select();
    try {
      await navigator.clipboard.writeText(ui.shareUrl.value);
      ui.tripLive.textContent = "Link copied.";
    } catch {
      ui.tripLive.textContent = "Select the link and copy it.";
    }
  }

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
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      if (exc.code === "session_not_found") await page.replaceExpiredSession();
      else page.showError(exc, () => download(format, fallbackExtension));
    }
  }

  return { applyEdit, toggleShare, copyShareLink, download };
}
