// Honest words for a trip that is gone (404 session_not_found). The page remembers when
// its session would expire (the SessionView's expires_at, and the inactivity timeout as
// expires_at - last_accessed); if that moment has passed, the trip expired after that many
// minutes without activity; if not, the server no longer has it (a restart or eviction).

const EXPIRY_KEY = "wayfarer.session_expiry";

/** Remember the session's expiry and timeout (`{expires_at, last_accessed}`). */
export function rememberExpiry(session) {
  try {
    const expires = Date.parse(session.expires_at);
    const timeout = expires - Date.parse(session.last_accessed);
    if (Number.isFinite(expires) && Number.isFinite(timeout)) {
      window.localStorage.setItem(EXPIRY_KEY, JSON.stringify({ expires, timeout }));
    }
  } catch {
    // storage unavailable: the notice falls back to the neutral wording
  }
}

function recalled() {
  try {
    const value = JSON.parse(window.localStorage.getItem(EXPIRY_KEY) || "null");
    return value && Number.isFinite(value.expires) ? value : null;
  } catch {
    return null;
  }
}

function minutes(ms) {
  const count = Math.max(1, Math.round(ms / 60000));
  return count === 1 ? "1 minute" : `${count} minutes`;
}

/** The sentence for a trip that is gone, judged at `now` (ms since the epoch). */
export function goneNotice(now = Date.now()) {
  const expiry = recalled();
  if (expiry && now >= expiry.expires) {
    return `Your previous trip expired after ${minutes(expiry.timeout)} without activity, so Wayfarer started a new one.`;
  }
  if (expiry) {
    return "Your previous trip is no longer on the server (it was restarted or had to make room), so Wayfarer started a new one.";
  }
  return "Your previous trip is no longer available, so Wayfarer started a new one.";
}
