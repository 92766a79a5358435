// The owner's share panel: the read-only link of the session (SessionView.share), with
// copy and turn-off. Pure rendering from the session; app.js does the requests.

import { formatDay } from "./format.js";

/** The absolute URL of a share token on this site. */
export function shareUrl(token) {
  return new URL(`/share/${encodeURIComponent(token)}`, window.location.origin).href;
}

/** Show `share` ({token, expires_at} or null) in the panel's parts. */
export function renderSharePanel(parts, share, open) {
  const { panel, url, hint, toggle } = parts;
  panel.hidden = !(open && share);
  toggle.setAttribute("aria-expanded", String(Boolean(open && share)));
  if (!share) {
    url.value = "";
    hint.textContent = "";
    return;
  }
  url.value = shareUrl(share.token);
  const until = formatDay(share.expires_at);
  hint.textContent = "Anyone with this link sees the itinerary, its maps and exports — not this chat. "
    + `It works while this trip is kept${until ? ` and at most until ${until}` : ""}, or until you turn it off.`;
}
