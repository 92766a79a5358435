// Wayfarer's chat page: the controller. It owns the page state (the session view, the
// turn in flight, the message awaiting retry) and delegates drawing to the js/ modules.

import {
  ApiError, createSession, deleteSession, getCities, getSession, getStopDetails, sendMessage,
} from "./js/api.js";
import {
  confirmMessage, messageNode, renderHistory, scrollToEnd, startReply,
} from "./js/chat.js";
import { chipEditor } from "./js/chip-editor.js";
import { renderChips } from "./js/chips.js";
import { describeError } from "./js/errors.js";
import { plural } from "./js/format.js";
import { itineraryParts, renderItinerary } from "./js/itinerary.js";
import { loadPageConfig } from "./js/maps.js";
import { goneNotice, rememberExpiry } from "./js/notices.js";
import { renderSharePanel } from "./js/share-panel.js";
import { renderSuggestions as drawSuggestions } from "./js/suggestions.js";
import { tripActions } from "./js/trip-actions.js";
import { preferenceChips } from "./js/prefs.js";
import { newMessageId, storedDraft, storedSession } from "./js/storage.js";

const $ = (id) => document.getElementById(id);

const ui = {
  log: $("log"),
  form: $("composer"),
  input: $("message"),
  send: $("send"),
  count: $("composer-count"),
  notice: $("notice"),
  noticeText: $("notice-text"),
  noticeClose: $("notice-close"),
  alert: $("alert"),
  alertTitle: $("alert-title"),
  alertDetail: $("alert-detail"),
  alertRetry: $("alert-retry"),
  alertClose: $("alert-close"),
  suggestions: $("suggestions"),
  suggestionsList: $("suggestions-list"),
  newTrip: $("new-trip"),
  confirm: $("new-trip-confirm"),
  confirmYes: $("new-trip-yes"),
  confirmNo: $("new-trip-no"),
  tripTitle: $("trip-title"),
  tripStatus: $("trip-status"),
  tripLive: $("trip-live"),
  question: $("question"),
  questionText: $("question-text"),
  chips: $("chips"),
  prefsHint: $("prefs-hint"),
  editor: $("chip-editor"),
  editorTitle: $("chip-editor-title"),
  editorBody: $("chip-editor-body"),
  exportIcs: $("export-ics"),
  exportMd: $("export-md"),
  undo: $("undo"),
  share: $("share"),
  sharePanel: $("share-panel"),
  shareUrl: $("share-url"),
  shareHint: $("share-hint"),
  shareCopy: $("share-copy"),
  shareRevoke: $("share-revoke"),
  jumpToPlan: $("jump-to-plan"),
  itinerary: itineraryParts($),
};

const state = {
  session: null,
  busy: false,
  /** The last message that did not get through: `{content, id}`; retries reuse its id. */
  pending: null,
  cities: [],
  showAllCities: false,
  openChip: null,
  retry: null,
  /** Map settings from GET /api/config (tiles or none). */
  map: null,
  /** Edit operations the server accepts (GET /api/config). */
  editOps: [],
  /** Per-stop details of the current itinerary (GET .../stops), or null until loaded. */
  details: null,
  shareOpen: false,
};

const SOFT_LIMIT = 2000;

// ---- rendering -------------------------------------------------------------------------

function userMessageCount(session) {
  return ((session && session.history) || []).filter((m) => m.role === "user").length;
}

function render() {
  const session = state.session;
  if (!session) return;
  renderHistory(ui.log, session.history || [], {
    stage: session.stage,
    questions: session.clarifying_questions_count || 0,
  });
  scrollToEnd(ui.log, { force: true });
  renderTrip();
  renderSuggestions();
}

function renderTrip() {
  const session = state.session;
  const itinerary = session.itinerary;
  const city = (session.preferences && session.preferences.city) || (itinerary && itinerary.city);
  ui.tripTitle.textContent = city ? `Your trip to ${city}` : "Your trip";
  document.title = itinerary
    ? `${plural(itinerary.days.length, "day")} in ${itinerary.city} — Wayfarer`
    : "Wayfarer — plan a trip by chatting";

  if (itinerary) {
    ui.tripStatus.textContent = `${plural(itinerary.days.length, "day")} planned. Ask for changes in the chat, or use the buttons on each day and stop.`;
  } else if (city) {
    ui.tripStatus.textContent = `Gathering a few details before planning ${city}.`;
  } else {
    ui.tripStatus.textContent = "Tell Wayfarer where you’d like to go.";
  }

  const questions = session.clarifying_questions_count || 0;
  const history = session.history || [];
  const waiting = session.stage === "gathering" && questions > 0 && history.length
    && history[history.length - 1].role === "assistant";
  ui.question.hidden = !waiting;
  ui.questionText.textContent = waiting
    ? `Wayfarer asked ${questions === 1 ? "a clarifying question" : `${questions} clarifying questions`} — answer in the chat, or say “just plan it”.`
    : "";

  const chips = preferenceChips(session);
  ui.prefsHint.hidden = !chips.some((c) => c.assumed);
  renderChips(ui.chips, chips, { openKey: state.openChip, disabled: state.busy, onOpen: toggleEditor });
  // Redrawing replaces the day cards: a reader inside one stays on that day.
  const active = document.activeElement;
  const focusedDay = active && active.closest ? active.closest("article[data-day]") : null;
  renderItinerary(ui.itinerary, itinerary, session.last_edit, {
    map: state.map,
    details: state.details,
    constraints: session.constraints || null,
    // "Keep" (pin) appears once the server's edit union has it (GET /api/config).
    actions: { edit: applyEdit, keep: state.editOps.includes("pin") },
  });
  setItineraryBusy(state.busy);
  if (focusedDay) {
    const again = ui.itinerary.days.querySelector(`article[data-day="${focusedDay.dataset.day}"]`);
    if (again) again.focus({ preventScroll: true });
  }
  ui.jumpToPlan.hidden = !itinerary;
  ui.exportIcs.disabled = !itinerary || state.busy;
  ui.exportMd.disabled = !itinerary || state.busy;
  ui.undo.disabled = !itinerary || state.busy;
  ui.share.disabled = !itinerary || state.busy;
  renderSharePanel(
    { panel: ui.sharePanel, url: ui.shareUrl, hint: ui.shareHint, toggle: ui.share },
    itinerary ? session.share : null, state.shareOpen);
}

function setItineraryBusy(busy) {
  for (const control of ui.itinerary.days.querySelectorAll("button, select")) control.disabled = busy;
}

function renderSuggestions() {
  const fresh = Boolean(state.session && userMessageCount(state.session) === 0);
  drawSuggestions(ui, state, { fresh, send });
}

function setBusy(busy) {
  state.busy = busy;
  ui.input.disabled = busy;
  ui.send.disabled = busy;
  ui.newTrip.disabled = busy;
  ui.log.setAttribute("aria-busy", String(busy));
  for (const button of ui.chips.querySelectorAll("button")) button.disabled = busy;
  for (const button of ui.suggestionsList.querySelectorAll("button")) button.disabled = busy;
  for (const button of ui.editorBody.querySelectorAll("button, input")) button.disabled = busy;
  const hasPlan = Boolean(state.session && state.session.itinerary);
  ui.exportIcs.disabled = busy || !hasPlan;
  ui.exportMd.disabled = busy || !hasPlan;
  ui.undo.disabled = busy || !hasPlan;
  ui.share.disabled = busy || !hasPlan;
  setItineraryBusy(busy);
  if (!busy) {
    const focus = document.activeElement;
    if (!focus || focus === document.body) ui.input.focus();
  }
}

// ---- notices and errors ------------------------------------------------------------------

function showNotice(text) {
  ui.noticeText.textContent = text;
  ui.notice.hidden = false;
}

function hideNotice() {
  ui.notice.hidden = true;
}

function showError(error, retry) {
  const { title, detail, retryable } = describeError(error);
  ui.alertTitle.textContent = title;
  ui.alertDetail.textContent = detail;
  state.retry = retryable ? retry : null;
  ui.alertRetry.hidden = !state.retry;
  ui.alert.hidden = false;
}

function hideError() {
  ui.alert.hidden = true;
  state.retry = null;
}

// ---- sessions ---------------------------------------------------------------------------

function adopt(session) {
  const before = state.session;
  const samePlan = before && session.itinerary
    && JSON.stringify(before.itinerary) === JSON.stringify(session.itinerary);
  if (!samePlan) state.details = null;
  state.session = session;
  storedSession.set(session.session_id);
  rememberExpiry(session);
  render();
  if (session.itinerary && !samePlan) loadDetails(session);
}

/** Fetch the stops' details (hours, why, travel) and redraw once they arrive. */
async function loadDetails(session) {
  try {
    const details = await getStopDetails(session.session_id);
    if (state.session && state.session.session_id === session.session_id
      && JSON.stringify(state.session.itinerary) === JSON.stringify(session.itinerary)) {
      state.details = details;
      renderTrip();
    }
  } catch (exc) {
    // Details are extra: the itinerary stands without them.
    if (!(exc instanceof ApiError)) throw exc;
  }
}

/** Load the stored session (or start one); never leaves the page blank. */
async function start() {
  hideError();
  setBusy(true);
  try {
    const stored = storedSession.get();
    let session = null;
    if (stored) {
      try {
        session = await getSession(stored);
      } catch (exc) {
        if (!(exc instanceof ApiError && exc.status === 404)) throw exc;
        storedSession.clear();
        showNotice(goneNotice());
      }
    }
    adopt(session || (await createSession()));
  } catch (exc) {
    if (!(exc instanceof ApiError)) throw exc;
    ui.log.replaceChildren(messageNode("assistant", "Wayfarer couldn’t start a conversation yet."));
    showError(exc, start);
  } finally {
    setBusy(false);
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
    showNotice(typed ? `${notice} Your message is still in the box — press Send to continue.` : notice);
  } catch (exc) {
    if (!(exc instanceof ApiError)) throw exc;
    showError(exc, async () => {
      hideError();
      setBusy(true);
      try {
        await replaceExpiredSession();
      } finally {
        setBusy(false);
      }
    });
  }
}

async function newTrip() {
  hideConfirm();
  hideError();
  hideNotice();
  closeEditor(false);
  const old = state.session && state.session.session_id;
  setBusy(true);
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
    showError(exc, newTrip);
  } finally {
    setBusy(false);
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

// ---- a turn -----------------------------------------------------------------------------

function announceTrip(before, after) {
  const plan = after.itinerary;
  if (!plan) return;
  if (!before.itinerary) {
    ui.tripLive.textContent = `Itinerary ready: ${plural(plan.days.length, "day")} in ${plan.city}.`;
  } else if (after.last_edit && after.last_edit.description) {
    ui.tripLive.textContent = `Itinerary updated: ${after.last_edit.description}`;
  } else if (JSON.stringify(before.itinerary) !== JSON.stringify(plan)) {
    ui.tripLive.textContent = "Itinerary updated.";
  }
}

/** Send one message, streaming the reply. On failure the text returns to the composer. */
async function send(raw) {
  const content = String(raw || "").trim();
  if (state.busy) return;
  if (!state.session) {
    // Starting failed earlier (see the alert): try again; the text stays in the box.
    start();
    return;
  }
  if (!content) {
    ui.input.focus();
    return;
  }
  const id = state.pending && state.pending.content === content ? state.pending.id : newMessageId();
  state.pending = { content, id };
  hideError();
  hideNotice();
  closeEditor(false);
  hideConfirm();

  const mine = messageNode("user", content, { pending: true });
  ui.log.append(mine);
  ui.suggestions.hidden = true;
  ui.input.value = "";
  storedDraft.set("");
  sizeComposer();
  setBusy(true);
  const reply = startReply(ui.log);
  scrollToEnd(ui.log, { force: true });

  const before = state.session;
  try {
    const result = await sendMessage(before.session_id, content, id, {
      onToken: (text) => {
        reply.add(text);
        scrollToEnd(ui.log);
      },
    });
    state.pending = null;
    confirmMessage(mine);
    reply.finish(result.reply.content);
    adopt(result.session);
    announceTrip(before, result.session);
  } catch (exc) {
    if (!(exc instanceof ApiError)) throw exc;
    reply.remove();
    mine.remove();
    ui.input.value = content;
    storedDraft.set(content);
    sizeComposer();
    if (exc.code === "session_not_found") {
      await replaceExpiredSession();
    } else {
      if (exc.status === 422) state.pending = null;
      showError(exc, () => send(ui.input.value));
    }
  } finally {
    setBusy(false);
    ui.input.focus();
  }
}

// ---- the trip's actions (click edits, sharing, exports: js/trip-actions.js) ---------------

const actions = tripActions({
  state, ui, setBusy, adopt, announceTrip, showError, hideError, hideNotice,
  replaceExpiredSession, renderTrip,
});

function applyEdit(op) {
  return actions.applyEdit(op);
}

// ---- the chip editor (js/chip-editor.js) -------------------------------------------------

const editor = chipEditor({ state, ui, send: (text) => send(text), sizeComposer });
const toggleEditor = (key, button) => editor.toggle(key, button);
const closeEditor = (restoreFocus) => editor.close(restoreFocus);

// ---- the composer -------------------------------------------------------------------------

function sizeComposer() {
  ui.input.style.height = "auto";
  ui.input.style.height = `${Math.min(ui.input.scrollHeight + 2, 200)}px`;
  const length = ui.input.value.length;
  ui.count.textContent = length > SOFT_LIMIT * 0.8
    ? `${length.toLocaleString("en-GB")} / ${SOFT_LIMIT.toLocaleString("en-GB")} characters`
    : "";
  ui.count.classList.toggle("composer__count--over", length > SOFT_LIMIT);
}

function wire() {
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(ui.input.value);
  });
  ui.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send(ui.input.value);
    }
  });
  ui.input.addEventListener("input", () => {
    sizeComposer();
    storedDraft.set(ui.input.value);
  });
  ui.alertRetry.addEventListener("click", () => {
    const retry = state.retry;
    hideError();
    if (retry) retry();
  });
  ui.alertClose.addEventListener("click", () => {
    hideError();
    ui.input.focus();
  });
  ui.noticeClose.addEventListener("click", () => {
    hideNotice();
    ui.input.focus();
  });
  ui.newTrip.addEventListener("click", () => {
    if (state.session && userMessageCount(state.session) > 0) showConfirm();
    else newTrip();
  });
  ui.confirmYes.addEventListener("click", () => newTrip());
  ui.confirmNo.addEventListener("click", () => hideConfirm(true));
  ui.confirm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideConfirm(true);
  });
  ui.editor.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeEditor(true);
  });
  ui.exportIcs.addEventListener("click", () => actions.download("ics", "ics"));
  ui.exportMd.addEventListener("click", () => actions.download("markdown", "md"));
  ui.undo.addEventListener("click", () => actions.applyEdit({ op: "undo" }));
  ui.share.addEventListener("click", () => actions.toggleShare(true));
  ui.shareRevoke.addEventListener("click", () => actions.toggleShare(false));
  ui.shareCopy.addEventListener("click", () => actions.copyShareLink());
}

async function loadCities() {
  try {
    const cities = await getCities();
    state.cities = Array.isArray(cities) ? cities : [];
    renderSuggestions();
  } catch (exc) {
    // Suggestions are a convenience; the chat works without them.
    if (!(exc instanceof ApiError)) throw exc;
  }
}

function main() {
  wire();
  const draft = storedDraft.get();
  if (draft) {
    ui.input.value = draft;
    sizeComposer();
  }
  loadCities();
  loadPageConfig().then(({ map, editOps }) => {
    state.map = map;
    state.editOps = editOps;
    if (state.session) renderTrip();
  });
  start();
}

main();
