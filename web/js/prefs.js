// Preference chips: what the session knows (or assumed) about the trip, as display data.
// Pure: `preferenceChips(session, defaults)` reads a SessionView and returns plain objects.

import { capitalise, formatDateRange, joinWords, plural } from "./format.js";

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/**
 * Chips in display order: `{key, label, value, assumed, empty}`. `assumed` is true when
 * the session lists the field among its defaults; `empty` when nothing is known yet.
 * `defaults` (`{days, pace, budget}`, GET /api/config) are the values the planner assumes
 * (SPEC §5): an assumed field shows its default, or "Default" when it is unknown.
 */
export function preferenceChips(session, defaults = {}) {
  const prefs = (session && session.preferences) || {};
  const itinerary = session && session.itinerary;
  const assumed = new Set((session && session.assumed) || []);
  const days = prefs.days || (itinerary ? itinerary.days.length : null)
    || (assumed.has("days") ? defaults.days : null);

  const chip = (key, label, value, placeholder) => ({
    key,
    label,
    value: value || (assumed.has(key) ? "Default" : placeholder),
    assumed: assumed.has(key),
    empty: !value,
  });

  const city = prefs.city || (itinerary && itinerary.city);
  const country = prefs.country || (itinerary && itinerary.country);
  const interests = prefs.interests || [];
  const avoided = prefs.avoid_interests || [];
  let interestText = interests.length ? joinWords(interests) : "";
  if (!interestText && assumed.has("interests")) interestText = "City highlights";
  if (avoided.length) {
    interestText = [interestText, `not ${joinWords(avoided).toLowerCase()}`].filter(Boolean).join("; ");
  }
  const pace = prefs.pace || (assumed.has("pace") ? defaults.pace : null);
  const level = prefs.budget || (itinerary && itinerary.estimated_cost && itinerary.estimated_cost.level)
    || (assumed.has("budget") ? defaults.budget : null);
  let budget = level ? capitalise(level) : "";
  if (prefs.budget_amount) {
    const amount = `${number.format(prefs.budget_amount)}${prefs.currency ? ` ${prefs.currency}` : ""}`;
    budget = budget ? `${budget} · ${amount}` : amount;
  }

  const legs = prefs.legs || [];
  const cityChip = legs.length > 1
    ? chip("city", "Cities", legs.map((leg) => (leg.days ? `${leg.city} (${plural(leg.days, "day")})` : leg.city)).join(" \u2192 "), "")
    : chip("city", "City", city ? [city, country].filter(Boolean).join(", ") : "", "Not chosen yet");
  return [
    cityChip,
    chip("days", "Days", days ? plural(days, "day") : "", "Not said"),
    chip("dates", "Dates", prefs.start_date ? formatDateRange(prefs.start_date, days) : "", "Flexible"),
    chip("travellers", "Travellers", prefs.travelers ? plural(prefs.travelers, "traveller") : "", "Not said"),
    chip("interests", "Interests", interestText, "Not said"),
    chip("pace", "Pace", pace ? capitalise(pace) : "", "Not said"),
    chip("budget", "Budget", budget, "Not said"),
  ];
}
