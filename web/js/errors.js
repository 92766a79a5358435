// Plain-words explanations of API failures (SPEC §4 error codes), for the alert banner.

const BY_CODE = {
  turn_in_progress: {
    title: "Wayfarer is still working on your previous message.",
    detail: "Give it a moment, then retry. Your message is kept in the box.",
  },
  rate_limited: {
    title: "That was a lot of messages in a short time.",
    detail: "Please wait a little before sending again. Your message is kept in the box.",
  },
  store_unavailable: {
    title: "Wayfarer can’t reach its trip storage right now.",
    detail: "This is on our side and usually passes quickly. Your message is kept in the box.",
  },
  llm_unavailable: {
    title: "The language service isn’t answering right now.",
    detail: "This is on our side and usually passes quickly. Your message is kept in the box.",
  },
  network: {
    title: "Wayfarer can’t be reached.",
    detail: "Check your connection, then retry. Your message is kept in the box.",
  },
  itinerary_not_found: {
    title: "There is no itinerary to export yet.",
    detail: "Finish planning a trip first, then export it.",
  },
};

/**
 * `{title, detail, retryable}` for an ApiError-like `{status, code, message, retryAfter}`.
 * 422 uses the server's own message (it says what was wrong with the input).
 */
export function describeError(error) {
  const code = (error && error.code) || "";
  const status = (error && error.status) || 0;
  if (code === "edit_rejected") {
    return {
      title: "Wayfarer couldn’t make that change.",
      detail: (error && error.message) || "Try another change.",
      retryable: false,
    };
  }
  if (code === "invalid_request" || status === 422) {
    return {
      title: "Wayfarer couldn’t take that message.",
      detail: (error && error.message) || "Please rephrase it and send again.",
      retryable: false,
    };
  }
  const known = BY_CODE[code];
  if (known) {
    let detail = known.detail;
    if (code === "rate_limited" && error.retryAfter) {
      detail = `Please wait about ${error.retryAfter} second${error.retryAfter === 1 ? "" : "s"}, then retry. Your message is kept in the box.`;
    }
    return { title: known.title, detail, retryable: code !== "itinerary_not_found" };
  }
  if (status === 409) return { ...BY_CODE.turn_in_progress, retryable: true };
  if (status === 429) return { ...BY_CODE.rate_limited, retryable: true };
  if (status === 503) return { ...BY_CODE.store_unavailable, retryable: true };
  return {
    title: "Something went wrong.",
    detail: (error && error.message) || "Please try again.",
    retryable: true,
  };
}
