// The trip's own actions, outside the conversation: click edits (POST .../edits) and the
// read-only share link. Each goes through the page (`page`): its state, busy flag, error
// banner and the session it adopts.

import { ApiError, sendEdit, setShared } from "./api.js";

/**
 * Bind the trip actions to the page (`{state, ui}` plus `setBusy`, `adopt`,
 * `announceTrip`, the banners, `replaceExpiredSession` and `renderTrip`): wires "Undo" and
 * the share controls, and returns `{applyEdit(op)}` for the stops' and days' buttons.
 */
export function bindTripActions(page) {
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

  ui.undo.addEventListener("click", () => applyEdit({ op: "undo" }));
  ui.share.addEventListener("click", () => toggleShare(true));
  ui.shareRevoke.addEventListener("click", () => toggleShare(false));
  ui.shareCopy.addEventListener("click", () => copyShareLink());

  return { applyEdit };
}
