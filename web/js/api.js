// The Wayfarer HTTP API (SPEC §4) as plain functions. Every failure is an ApiError with
// the server's code and message, or code "network" when the server could not be reached.

import { SseParser } from "./sse.js";

export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

async function errorFrom(response) {
  let code = "http_error";
  let message = `The server answered ${response.status}.`;
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
    }
  } catch {
    // Not JSON (a proxy's error page): keep the generic wording.
  }
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") || "", 10);
  return new ApiError(response.status, code, message, Number.isFinite(retryAfter) ? retryAfter : null);
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { credentials: "same-origin", ...options });
  } catch (exc) {
    if (exc && exc.name === "AbortError") throw exc;
    throw new ApiError(0, "network", "The server could not be reached.");
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

const sessionPath = (id) => `/api/sessions/${encodeURIComponent(id)}`;

/** POST /api/sessions: a new session (its history holds the greeting). */
export async function createSession() {
  return (await request("/api/sessions", { method: "POST" })).json();
}

/** GET /api/sessions/{id}: the session view; 404 session_not_found when gone. */
export async function getSession(id) {
  return (await request(sessionPath(id))).json();
}

/** DELETE /api/sessions/{id}: forget it (a 404 is fine: it is gone either way). */
export async function deleteSession(id) {
  try {
    await request(sessionPath(id), { method: "DELETE" });
  } catch (exc) {
    if (!(exc instanceof ApiError && exc.status === 404)) throw exc;
  }
}

/** GET /api/sessions/{id}/stops: per-stop details of the itinerary. */
export async function getStopDetails(id) {
  return (await request(`${sessionPath(id)}/stops`)).json();
}

/** POST /api/sessions/{id}/edits: one typed edit (a click); resolves `{reply, session}`. */
export async function sendEdit(id, edit) {
  return (await request(`${sessionPath(id)}/edits`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(edit),
  })).json();
}

/** POST / DELETE /api/sessions/{id}/share: make or revoke the read-only link (SessionView). */
export async function setShared(id, on) {
  return (await request(`${sessionPath(id)}/share`, { method: on ? "POST" : "DELETE" })).json();
}

const sharedPath = (token) => `/api/shared/${encodeURIComponent(token)}`;

/** GET /api/shared/{token}: `{itinerary, preferences, details, expires_at}`; 404 when gone. */
export async function getShared(token) {
  return (await request(sharedPath(token))).json();
}

/** The download URL of a shared trip's export. */
export function sharedExportUrl(token, format) {
  return `${sharedPath(token)}/itinerary?format=${encodeURIComponent(format)}`;
}

/** GET /api/config: what this deployment offers the page (web/js/page-config.js). */
export async function getConfig() {
  return (await request("/api/config")).json();
}

/** GET /api/cities: [{name, country, places}]. */
export async function getCities() {
  return (await request("/api/cities")).json();
}

/**
 * One turn, streamed. `onToken(text)` gets each chunk as it arrives; resolves with
 * `{reply, session}` from the final `done` event (or the plain JSON answer when the server
 * does not stream). Throws ApiError before or during the stream.
 */
export async function sendMessage(id, content, clientMessageId, { onToken, signal } = {}) {
  const response = await request(`${sessionPath(id)}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ content, client_message_id: clientMessageId }),
    signal,
  });
  const type = response.headers.get("Content-Type") || "";
  if (!type.includes("text/event-stream")) return response.json();

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const handle = (events) => {
    for (const { event, data } of events) {
      const payload = parseJson(data);
      if (event === "token" && payload && typeof payload.text === "string") {
        if (onToken) onToken(payload.text);
      } else if (event === "done" && payload) {
        return payload;
      } else if (event === "error") {
        const error = (payload && payload.error) || {};
        throw new ApiError(200, error.code || "stream_error",
          error.message || "The reply was interrupted.");
      }
    }
    return null;
  };
  try {
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (exc) {
        if (exc && exc.name === "AbortError") throw exc;
        throw new ApiError(0, "network", "The connection dropped while the reply was arriving.");
      }
      const done = handle(chunk.done ? parser.flush() : parser.feed(decoder.decode(chunk.value, { stream: true })));
      if (done) return done;
      if (chunk.done) break;
    }
  } finally {
    reader.releaseLock();
  }
  throw new ApiError(0, "network", "The reply ended before it was complete.");
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** GET the itinerary export; resolves `{blob, filename}` from Content-Disposition. */
export async function fetchExport(id, format) {
  const response = await request(`${sessionPath(id)}/itinerary?format=${encodeURIComponent(format)}`);
  const disposition = response.headers.get("Content-Disposition") || "";
  return { blob: await response.blob(), filename: filenameFrom(disposition) };
}

/** The filename of a Content-Disposition header (RFC 6266 filename* first), or null. */
export function filenameFrom(disposition) {
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : null;
}
