// The preference chips and the small editor a chip opens. Choosing an option sends the
// equivalent chat message; "Write it myself" pre-fills the composer instead.

import { clear, h } from "./dom.js";
import { capitalise } from "./format.js";
import { drafts, prompts } from "./prompts.js";

/** Render `chips` (from preferenceChips) as buttons; `onOpen(key, button)` on click. */
export function renderChips(list, chips, { openKey, disabled, onOpen }) {
  clear(list);
  for (const chip of chips) {
    const classes = ["chip"];
    if (chip.assumed) classes.push("chip--assumed");
    if (chip.empty) classes.push("chip--empty");
    const button = h("button", {
      type: "button",
      class: classes.join(" "),
      "data-key": chip.key,
      "aria-label": `${chip.label}: ${chip.value}${chip.assumed ? " (assumed)" : ""}`,
      "aria-expanded": String(openKey === chip.key),
      "aria-controls": "chip-editor",
      disabled: disabled || null,
    },
    h("span", { class: "chip__label", text: chip.label }),
    h("span", { class: "chip__value", text: chip.value }),
    chip.assumed ? h("span", { class: "chip__assumed", text: "assumed" }) : null);
    button.addEventListener("click", () => onOpen(chip.key, button));
    list.append(h("li", {}, button));
  }
}

const TITLES = {
  city: "Where to?",
  days: "How many days?",
  dates: "When do you start?",
  travellers: "How many travellers?",
  interests: "What do you enjoy?",
  pace: "What pace suits you?",
  budget: "What budget?",
};

function choice(text, { pressed = null, onClick }) {
  return h("button", {
    type: "button",
    class: "option",
    "aria-pressed": pressed === null ? null : String(pressed),
    onclick: onClick,
  }, text);
}

/** Buttons for party sizes 1 to this many (within the server's limit); larger parties are typed. */
const TRAVELLER_CHOICES = 8;

/**
 * Fill the editor for `key`. `ctx`: {session, cities, config, send(text), prefill(text),
 * close()}, where `config` is the page configuration (page-config.js): its vocabulary and
 * limits are the options offered; with none known, only "Write it myself" is.
 * Returns the element that should receive focus.
 */
export function renderEditor(title, body, key, ctx) {
  const prefs = ctx.session.preferences || {};
  const { vocabulary, limits } = ctx.config;
  title.textContent = TITLES[key] || "Change";
  clear(body);
  const options = h("div", { class: "options" });
  const footer = h("div", { class: "chip-editor__footer" });
  let apply = null;

  if (key === "city") {
    for (const city of ctx.cities) {
      options.append(choice(city.name, {
        pressed: prefs.city === city.name,
        onClick: () => ctx.send(prompts.city(city.name, Boolean(prefs.city))),
      }));
    }
    if (!ctx.cities.length) options.append(h("p", { class: "options__empty", text: "Type the city you’d like in the message box." }));
  } else if (key === "days") {
    const current = prefs.days || (ctx.session.itinerary && ctx.session.itinerary.days.length);
    for (let days = 1; days <= (limits.trip_days || 0); days += 1) {
      options.append(choice(String(days), {
        pressed: current === days,
        onClick: () => ctx.send(prompts.days(days)),
      }));
    }
    options.classList.add("options--numbers");
  } else if (key === "travellers") {
    for (let count = 1; count <= Math.min(TRAVELLER_CHOICES, limits.travelers || 0); count += 1) {
      options.append(choice(String(count), {
        pressed: prefs.travelers === count,
        onClick: () => ctx.send(prompts.travellers(count)),
      }));
    }
    options.classList.add("options--numbers");
  } else if (key === "pace" || key === "budget") {
    const values = key === "pace" ? vocabulary.paces : vocabulary.budgets;
    const current = prefs[key];
    for (const value of values) {
      options.append(choice(capitalise(value), {
        pressed: current === value,
        onClick: () => ctx.send(prompts[key](value)),
      }));
    }
  } else if (key === "interests" && vocabulary.interests.length) {
    const selected = new Set(prefs.interests || []);
    for (const interest of vocabulary.interests) {
      const button = choice(capitalise(interest), {
        pressed: selected.has(interest),
        onClick: () => {
          if (selected.has(interest)) selected.delete(interest);
          else selected.add(interest);
          button.setAttribute("aria-pressed", String(selected.has(interest)));
          apply.disabled = selected.size === 0;
        },
      });
      options.append(button);
    }
    apply = h("button", { type: "button", class: "button button--primary", disabled: selected.size === 0 || null },
      "Use these interests");
    const before = new Set(prefs.interests || []);
    apply.addEventListener("click", () => ctx.send(prompts.interests(
      vocabulary.interests.filter((i) => selected.has(i)),
      vocabulary.interests.filter((i) => before.has(i) && !selected.has(i)),
    )));
  } else if (key === "dates") {
    const input = h("input", {
      type: "date", id: "chip-date", class: "field", value: prefs.start_date || null,
    });
    options.append(h("label", { class: "field-label", for: "chip-date", text: "First day of the trip" }), input);
    apply = h("button", { type: "button", class: "button button--primary" }, "Use this date");
    apply.addEventListener("click", () => {
      if (input.value) ctx.send(prompts.dates(input.value));
      else input.focus();
    });
  }

  if (apply) footer.append(apply);
  footer.append(
    h("button", { type: "button", class: "button button--ghost", onclick: () => ctx.prefill(drafts[key]) }, "Write it myself"),
    h("button", { type: "button", class: "button button--ghost", onclick: () => ctx.close() }, "Cancel"));
  body.append(options, footer);
  return body.querySelector("button, input");
}
