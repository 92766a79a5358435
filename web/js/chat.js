// The conversation log: history rendering, the optimistic user bubble, the streamed reply.
// Message text is always set with textContent (white-space keeps the line breaks).

import { clear, h } from "./dom.js";

const WHO = { user: "You", assistant: "Wayfarer" };

/** One message bubble. `tag` is an optional small label ("Question 2"). */
export function messageNode(role, text, { tag = null, pending = false } = {}) {
  const item = h("li", { class: `msg msg--${role}${pending ? " msg--pending" : ""}` },
    h("span", { class: "msg__who" }, WHO[role] || role, tag ? h("span", { class: "msg__tag", text: tag }) : null),
    h("p", { class: "msg__text", text }));
  return item;
}

/**
 * Replace the log with `history`. When the agent is still gathering details, the last
 * assistant message is labelled as clarifying question number `questions`.
 */
export function renderHistory(log, history, { stage, questions }) {
  clear(log);
  const lastIndex = history.length - 1;
  history.forEach((message, index) => {
    const isQuestion = stage === "gathering" && questions > 0 && index === lastIndex
      && message.role === "assistant";
    log.append(messageNode(message.role, message.content, {
      tag: isQuestion ? `Question ${questions}` : null,
    }));
  });
}

/** The bubble a streamed reply grows in; starts with a typing indicator. */
export function startReply(log) {
  const text = h("p", { class: "msg__text" });
  const typing = h("span", { class: "typing", role: "img", "aria-label": "Wayfarer is typing" },
    h("span"), h("span"), h("span"));
  const item = h("li", { class: "msg msg--assistant msg--streaming" },
    h("span", { class: "msg__who", text: WHO.assistant }), typing, text);
  log.append(item);
  let received = "";
  return {
    node: item,
    /** Append a streamed chunk. */
    add(chunk) {
      if (!received) typing.remove();
      received += chunk;
      text.textContent = received;
    },
    remove() {
      item.remove();
    },
  };
}

/** Keep the newest message in view (only when the reader is already near the bottom). */
export function scrollToEnd(log, { force = false } = {}) {
  const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
  if (force || nearBottom) log.scrollTop = log.scrollHeight;
}
