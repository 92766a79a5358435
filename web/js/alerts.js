// The two banners above the composer: the notice (what happened to the session, such as
// a trip that expired) and the error alert (plain words from errors.js, with "Retry" when
// trying again can help).

import { describeError } from "./errors.js";

/**
 * Bind the banners to the page (`{state, ui}`): wires their close and retry buttons and
 * returns `{showNotice(text), hideNotice(), showError(error, retry), hideError()}`.
 * `retry` (or null) is what "Retry" runs; it is offered only for a retryable error.
 */
export function bindAlerts({ state, ui }) {
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

  return { showNotice, hideNotice, showError, hideError };
}
