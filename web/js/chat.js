// The conversation log: history rendering, the optimistic user bubble, the streamed reply.
// Message text is always set with textContent (white-space keeps the line breaks).
//
// The log is an aria-live region, so it is updated incrementally: messages already on
// screen stay (a screen reader announces only what is new), and the bubbles of a turn
// become the history entries they stand for.

import { h } from "./dom.js";

const WHO = { user: "You", assistant: "Wayfarer" };
/** What each rendered bubble stands for: {role, content}. */
const shown = new WeakMap();

/** An export link the agent offers ("/api/sessions/<id>/itinerary?format=ics"). */
const EXPORT_LINK = /(\/api\/sessions\/[\w-]+\/itinerary\?format=(?:json|markdown|ics))/;
const FORMAT_NAMES = { ics: "calendar file (.ics)", markdown: "Markdown file", json: "JSON file" };

/** Message text as text nodes, with the agent's export links made clickable downloads. */
export function linkedText(text) {
  return String(text).split(EXPORT_LINK).map((part, i) => {
    if (i % 2 === 0) return part;
    const format = part.slice(part.lastIndexOf("=") + 1);
    return h("a", { href: part, download: "", class: "msg__link" }, `Download the ${FORMAT_NAMES[format]}`);
  });
}

/** One message bubble. */
export function messageNode(role, text, { pending = false } = {}) {
  const item = h("div", { class: `msg msg--${role}${pending ? " msg--pending" : ""}` },
    h("span", { class: "msg__who", text: WHO[role] || role }),
    h("p", { class: "msg__text" }, role === "assistant" ? linkedText(text) : text));
  shown.set(item, { role, content: text });
  return item;
}

function same(node, message) {
  const known = shown.get(node);
  return Boolean(known) && known.role === message.role && known.content === message.content;
}

/**
 * Make the log show `history`, keeping the bubbles that already match it. When the agent
 * is still gathering details, the last assistant message is labelled as clarifying
 * question number `questions`.
 */
export function renderHistory(log, history, { stage, questions }) {
  let nodes = Array.from(log.children);
  // The server keeps a bounded history: drop bubbles that fell off its start.
  if (nodes.length && history.length && !same(nodes[0], history[0])) {
    const first = nodes.findIndex((node) => same(node, history[0]));
    if (first > 0) {
      nodes.slice(0, first).forEach((node) => node.remove());
      nodes = nodes.slice(first);
    }
  }
  let kept = 0;
  while (kept < nodes.length && kept < history.length && same(nodes[kept], history[kept])) kept += 1;
  nodes.slice(kept).forEach((node) => node.remove());
  for (const message of history.slice(kept)) log.append(messageNode(message.role, message.content));

  for (const tag of log.querySelectorAll(".msg__tag")) tag.remove();
  const last = log.lastElementChild;
  const lastMessage = history[history.length - 1];
  if (last && lastMessage && lastMessage.role === "assistant" && stage === "gathering" && questions > 0) {
    // aria-hidden: the trip pane says a question is pending; the log need not re-announce.
    last.querySelector(".msg__who").append(
      h("span", { class: "msg__tag", "aria-hidden": "true", text: `Question ${questions}` }));
  }
}

/** Mark an optimistic user bubble as accepted by the server. */
export function confirmMessage(node) {
  node.classList.remove("msg--pending");
}

/** The bubble a streamed reply grows in; starts with a typing indicator. */
export function startReply(log) {
  const text = h("p", { class: "msg__text" });
  const typing = h("span", { class: "typing", role: "img", "aria-label": "Wayfarer is typing" },
    h("span"), h("span"), h("span"));
  const item = h("div", { class: "msg msg--assistant msg--streaming" },
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
    /** The reply is complete: show the final text and make the bubble a history entry. */
    finish(content) {
      typing.remove();
      text.replaceChildren(...linkedText(content));
      item.classList.remove("msg--streaming");
      shown.set(item, { role: "assistant", content });
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
