// The chat page's elements by role, looked up once (web/index.html holds them all).

import { itineraryParts } from "./itinerary.js";

/** Every element the page's modules read or change, by a short name. */
export function pageElements() {
  const $ = (id) => document.getElementById(id);
  return {
    log: $("log"),
    form: $("composer"),
    input: $("message"),
    send: $("send"),
    count: $("composer-count"),
    notice: $("notice"),
    noticeText: $("notice-text"),
    noticeClose: $("notice-close"),
    alert: $("alert"),
    alertTitle: $("alert-title"),
    alertDetail: $("alert-detail"),
    alertRetry: $("alert-retry"),
    alertClose: $("alert-close"),
    suggestions: $("suggestions"),
    suggestionsList: $("suggestions-list"),
    newTrip: $("new-trip"),
    confirm: $("new-trip-confirm"),
    confirmYes: $("new-trip-yes"),
    confirmNo: $("new-trip-no"),
    tripTitle: $("trip-title"),
    tripStatus: $("trip-status"),
    tripLive: $("trip-live"),
    question: $("question"),
    questionText: $("question-text"),
    chips: $("chips"),
    prefsHint: $("prefs-hint"),
    editor: $("chip-editor"),
    editorTitle: $("chip-editor-title"),
    editorBody: $("chip-editor-body"),
    exportIcs: $("export-ics"),
    exportMd: $("export-md"),
    undo: $("undo"),
    share: $("share"),
    sharePanel: $("share-panel"),
    shareUrl: $("share-url"),
    shareHint: $("share-hint"),
    shareCopy: $("share-copy"),
    shareRevoke: $("share-revoke"),
    jumpToPlan: $("jump-to-plan"),
    itinerary: itineraryParts($),
  };
}
