// Sending a turn: the traveller's message goes in the log at once, the reply streams in
// under it, and the new SessionView is adopted. A message that did not get through goes
// back into the composer; "Retry" resends it with the same client_message_id, so the
// server applies it at most once.

import { ApiError, sendMessage } from "./api.js";
import { confirmMessage, messageNode, scrollToEnd, startReply } from "./chat.js";
import { plural } from "./format.js";
import { newMessageId, storedDraft } from "./storage.js";

/**
 * Bind turns to the page (`{state, ui}` plus the banners, `adopt`, `start`,
 * `replaceExpiredSession`, `setBusy`, `closeEditor`, `hideConfirm` and `sizeComposer`).
 * Returns `{send(text), announceTrip(before, after)}`.
 */
export function bindTurns(page) {
  const { state, ui } = page;

  /** Tell screen readers what a turn or click did to the itinerary (`before` -> `after`). */
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

  /** Put `content` back in the composer (and the stored draft). */
  function restore(content) {
    ui.input.value = content;
    storedDraft.set(content);
    page.sizeComposer();
  }

  /** Send one message, streaming the reply. On failure the text returns to the composer. */
  async function send(raw) {
    const content = String(raw || "").trim();
    if (state.busy) return;
    if (!state.session) {
      // Starting failed earlier (see the alert): try again; the text stays in the box.
      page.start();
      return;
    }
    if (!content) {
      ui.input.focus();
      return;
    }
    const id = state.pending && state.pending.content === content ? state.pending.id : newMessageId();
    state.pending = { content, id };
    page.hideError();
    page.hideNotice();
    page.closeEditor(false);
    page.hideConfirm();

    const mine = messageNode("user", content, { pending: true });
    ui.log.append(mine);
    ui.suggestions.hidden = true;
    restore("");
    page.setBusy(true);
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
      page.adopt(result.session);
      announceTrip(before, result.session);
    } catch (exc) {
      if (!(exc instanceof ApiError)) throw exc;
      reply.remove();
      mine.remove();
      restore(content);
      if (exc.code === "session_not_found") {
        await page.replaceExpiredSession();
      } else {
        if (exc.status === 422) state.pending = null;
        page.showError(exc, () => send(ui.input.value));
      }
    } finally {
      page.setBusy(false);
      ui.input.focus();
    }
  }

  return { send, announceTrip };
}
