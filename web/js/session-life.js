// The session's life on the page: adopting each SessionView the server returns, loading
// the stored session at start (or making one), replacing a session the server no longer
// has (404) while keeping what the traveller typed, and "New trip" with its confirmation.

import { ApiError, createSession, deleteSession, getSession, getStopDetails } from "./api.js";
import { messageNode } from "./chat.js";
import { goneNotice, rememberExpiry } from "./notices.js";
import { storedSession } from "./storage.js";
import { userMessageCount } from "./view.js";

const samePlan = (a, b) => JSON.stringify(a.itinerary) === JSON.stringify(b.itinerary);

/**
 * Bind the session's life to the page (`{state, ui}` plus the banners, `render`,
 * `renderTrip`, `setBusy` and `closeEditor`): wires "New trip" and its confirmation, and
 * returns `{adopt(session), start(), replaceExpiredSession(), newTrip(), hideConfirm()}`.
 */
export function bindSessionLife(page) {
  const { state, ui } = page;

  /** Make `session` the page's: remember it, draw it, fetch its stops' details if new. */
  function adopt(session) {
    const before = state.session;
    const unchanged = before && session.itinerary && samePlan(before, session);
    if (!unchanged) state.details = null;
    state.session = session;
    storedSession.set(session.session_id);
    rememberExpiry(session);
    page.render();
    if (session.itinerary && !unchanged) loadDetails(session);
  }

  /** Fetch the stops' details (hours, why, travel) and redraw once they arrive. */
  async function loadDetails(session) {
    try {
      const details = await getStopDetails(session.session_id);
      if (state.session && state.session.session_id === session.session_id
        && samePlan(state.session, session)) {
        state.details = details;
        page.renderTrip();
      }
    } catch (exc) {
      // Details are extra: the itinerary stands without them.
      if (!(exc instanceof ApiError)) throw exc;
    }
  }

  /** Load the stored session (or start one); never leaves the page blank. */
  async function start() {
    page.hideError();
    page.setBusy(true);
    try {
      const stored = storedSession.get();
      let session = null;
      if (stored) {
        try {
          session = await getSession(stored);
        } catch (exc) {
          if (!(exc instanceof ApiError && exc.status === 404)) throw exc;
          storedSession.clear();
          page.showNotice(goneNotice());
        }
      }
      adopt(session || (await createSession()));
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      ui.log.replaceChildren(messageNode("assistant", "Wayfarer couldn’t start a conversation yet."));
      page.showError(exc, start);
    } finally {
      page.setBusy(false);
    }
  }

  /** The session is gone (404): start a new one, keep whatever the traveller typed. */
  async function replaceExpiredSession() {
    const notice = goneNotice();
    storedSession.clear();
    state.pending = null;
    try {
      adopt(await createSession());
      const typed = ui.input.value.trim();
      page.showNotice(typed ? `${notice} Your message is still in the box — press Send to continue.` : notice);
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      page.showError(exc, async () => {
        page.hideError();
        page.setBusy(true);
        try {
          await replaceExpiredSession();
        } finally {
          page.setBusy(false);
        }
      });
    }
  }

  /** Forget the current session (DELETE) and start a new one. */
  async function newTrip() {
    hideConfirm();
    page.hideError();
    page.hideNotice();
    page.closeEditor(false);
    const old = state.session && state.session.session_id;
    page.setBusy(true);
    try {
      if (old) {
        try {
          await deleteSession(old);
        } catch (exc) {
          // Not being able to forget the old one must not block starting afresh.
          if (!(exc instanceof ApiError)) throw exc;
        }
      }
      storedSession.clear();
      state.pending = null;
      adopt(await createSession());
      ui.tripLive.textContent = "Started a new trip.";
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      page.showError(exc, newTrip);
    } finally {
      page.setBusy(false);
      ui.input.focus();
    }
  }

  function showConfirm() {
    ui.confirm.hidden = false;
    ui.confirmYes.focus();
  }

  function hideConfirm(restoreFocus = false) {
    ui.confirm.hidden = true;
    if (restoreFocus) ui.newTrip.focus();
  }

  ui.newTrip.addEventListener("click", () => {
    if (state.session && userMessageCount(state.session) > 0) showConfirm();
    else newTrip();
  });
  ui.confirmYes.addEventListener("click", () => newTrip());
  ui.confirmNo.addEventListener("click", () => hideConfirm(true));
  ui.confirm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideConfirm(true);
  });

  return { adopt, start, replaceExpiredSession, newTrip, hideConfirm };
}
