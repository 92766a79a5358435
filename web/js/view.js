// Drawing the chat page from its state: the conversation, the trip pane (title, status,
// clarifying-question banner, chips, itinerary, exports, share panel), the city
// suggestions, and the busy state that disables every control while a request runs.

import { renderHistory, scrollToEnd } from "./chat.js";
import { renderChips } from "./chips.js";
import { plural } from "./format.js";
import { renderItinerary } from "./itinerary.js";
import { UNKNOWN } from "./page-config.js";
import { preferenceChips } from "./prefs.js";
import { renderSharePanel } from "./share-panel.js";
import { renderSuggestions as drawSuggestions } from "./suggestions.js";

/** How many messages the traveller has written in `session`. */
export function userMessageCount(session) {
  return ((session && session.history) || []).filter((m) => m.role === "user").length;
}

/**
 * Bind drawing to the page (`{state, ui}` plus `toggleEditor`, `applyEdit` and `send`,
 * called when the reader uses a chip, a stop's button or a suggestion). Returns
 * `{render(), renderTrip(), renderSuggestions(), setBusy(busy)}`.
 */
export function bindView(page) {
  const { state, ui } = page;

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
    const config = state.config || UNKNOWN;
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

    const chips = preferenceChips(session, config.defaults);
    ui.prefsHint.hidden = !chips.some((c) => c.assumed);
    renderChips(ui.chips, chips, { openKey: state.openChip, disabled: state.busy, onOpen: page.toggleEditor });
    // Redrawing replaces the day cards: a reader inside one stays on that day.
    const active = document.activeElement;
    const focusedDay = active && active.closest ? active.closest("article[data-day]") : null;
    renderItinerary(ui.itinerary, itinerary, session.last_edit, {
      map: config.map,
      details: state.details,
      constraints: session.constraints || null,
      // "Keep" (pin) appears once the server's edit union has it (GET /api/config).
      actions: { edit: page.applyEdit, keep: config.editOps.includes("pin") },
    });
    setTripControlsBusy(state.busy);
    if (focusedDay) {
      const again = ui.itinerary.days.querySelector(`article[data-day="${focusedDay.dataset.day}"]`);
      if (again) again.focus({ preventScroll: true });
    }
    ui.jumpToPlan.hidden = !itinerary;
    renderSharePanel(
      { panel: ui.sharePanel, url: ui.shareUrl, hint: ui.shareHint, toggle: ui.share },
      itinerary ? session.share : null, state.shareOpen);
  }

  /** The trip's own controls: usable once there is a plan and no request is running. */
  function setTripControlsBusy(busy) {
    const idle = !busy && Boolean(state.session && state.session.itinerary);
    for (const control of [ui.exportIcs, ui.exportMd, ui.undo, ui.share]) control.disabled = !idle;
    for (const control of ui.itinerary.days.querySelectorAll("button, select")) control.disabled = busy;
  }

  function renderSuggestions() {
    const fresh = Boolean(state.session && userMessageCount(state.session) === 0);
    drawSuggestions(ui, state, { fresh, send: page.send });
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
    setTripControlsBusy(busy);
    if (!busy) {
      const focus = document.activeElement;
      if (!focus || focus === document.body) ui.input.focus();
    }
  }

  return { render, renderTrip, renderSuggestions, setBusy };
}
