// localStorage that never throws (storage can be disabled or full): a failed write just
// means a reload starts a new conversation.

const SESSION_KEY = "wayfarer.session_id";
const DRAFT_KEY = "wayfarer.draft";

function read(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing to do
  }
}

export const storedSession = {
  get: () => read(SESSION_KEY),
  set: (id) => write(SESSION_KEY, id),
  clear: () => write(SESSION_KEY, null),
};

export const storedDraft = {
  get: () => read(DRAFT_KEY) || "",
  set: (text) => write(DRAFT_KEY, text),
};

/** A random UUID v4; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newMessageId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function" && window.isSecureContext) {
    return window.crypto.randomUUID();
  }
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
