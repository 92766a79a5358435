// Pure formatting helpers: no DOM, no state.

const DAY_MS = 24 * 60 * 60 * 1000;

function parseDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
}

const weekdayDayMonth = new Intl.DateTimeFormat("en-GB", {
  weekday: "short", day: "numeric", month: "short", timeZone: "UTC",
});
const dayMonthYear = new Intl.DateTimeFormat("en-GB", {
  day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
});
const list = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/** "Mon 12 May" for "2025-05-12"; "" for nothing. */
export function formatDay(iso) {
  const date = parseDate(iso);
  return date ? weekdayDayMonth.format(date) : "";
}

/** "12 May 2025" for one day, "12–15 May 2025" for a trip of `days` days. */
export function formatDateRange(startIso, days) {
  const start = parseDate(startIso);
  if (!start) return "";
  if (!days || days <= 1) return dayMonthYear.format(start);
  const end = new Date(start.getTime() + (days - 1) * DAY_MS);
  return dayMonthYear.formatRange(start, end);
}

/** "Food, history and art" (first letter capitalised). */
export function joinWords(words) {
  return capitalise(list.format(words.map(String)));
}

export function capitalise(text) {
  const value = String(text || "");
  return value ? value[0].toUpperCase() + value.slice(1) : value;
}

/** "3 days", "1 day". */
export function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The meal a restaurant stop at "HH:MM" stands for. */
export function mealName(start) {
  const [hours, minutes] = String(start || "12:00").split(":").map(Number);
  const at = hours * 60 + (minutes || 0);
  if (at < 11 * 60) return "Breakfast";
  if (at < 15 * 60 + 30) return "Lunch";
  if (at < 18 * 60) return "Coffee break";
  return "Dinner";
}

/** Great-circle distance in kilometres between two {lat, lon}. */
export function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2
    + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** "850 m" or "3.2 km". */
export function formatDistance(km) {
  if (km < 1) return `${Math.max(10, Math.round(km * 100) * 10)} m`;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} km`;
}

/** Minutes between two "HH:MM" (negative never: wraps past midnight). */
export function minutesBetween(start, end) {
  const toMinutes = (t) => {
    const [h, m] = String(t).split(":").map(Number);
    return h * 60 + m;
  };
  const diff = toMinutes(end) - toMinutes(start);
  return diff >= 0 ? diff : diff + 24 * 60;
}

/** "1 h 30 min", "45 min". */
export function formatDuration(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** "€45" / "45 USD": an amount in a currency (ISO 4217), whole units. */
export function formatMoney(amount, currency) {
  const value = Math.round(Number(amount));
  if (!currency) return value.toLocaleString("en-GB");
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${value.toLocaleString("en-GB")} ${currency}`;
  }
}
