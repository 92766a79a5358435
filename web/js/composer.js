// The composer: a textbox that grows with its text, Enter to send (Shift+Enter for a new
// line), the unsent text kept across reloads, and a length counter against the server's
// message limit (GET /api/config `limits.message_chars`; no counter while it is unknown,
// and the server still explains a message that is too long).

import { storedDraft } from "./storage.js";

/** The counter appears once a message is this share of the limit. */
const COUNT_FROM = 0.8;
/** The tallest the textbox grows before it scrolls, in CSS pixels. */
const MAX_HEIGHT = 200;

/**
 * Bind the composer to the page (`{state, ui}` plus `send`): wires typing and sending, and
 * returns `{sizeComposer(), restoreDraft()}`; `sizeComposer` also redraws the counter
 * (call it when the text or the page configuration changes).
 */
export function bindComposer(page) {
  const { state, ui } = page;

  function sizeComposer() {
    ui.input.style.height = "auto";
    ui.input.style.height = `${Math.min(ui.input.scrollHeight + 2, MAX_HEIGHT)}px`;
    const limit = state.config && state.config.limits.message_chars;
    const length = ui.input.value.length;
    ui.count.textContent = limit && length > limit * COUNT_FROM
      ? `${length.toLocaleString("en-GB")} / ${limit.toLocaleString("en-GB")} characters`
      : "";
    ui.count.classList.toggle("composer__count--over", Boolean(limit) && length > limit);
  }

  /** Put back the text left unsent before the page was closed. */
  function restoreDraft() {
    const draft = storedDraft.get();
    if (draft) {
      ui.input.value = draft;
      sizeComposer();
    }
  }

  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    page.send(ui.input.value);
  });
  ui.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      page.send(ui.input.value);
    }
  });
  ui.input.addEventListener("input", () => {
    sizeComposer();
    storedDraft.set(ui.input.value);
  });

  return { sizeComposer, restoreDraft };
}
