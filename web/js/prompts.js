// The chat messages that chip choices send: plain sentences the agent already understands,
// so a click is exactly equivalent to typing them.

import { joinWords } from "./format.js";

export const prompts = {
  city: (city, hasCity) => (hasCity ? `Let's go to ${city} instead` : `I'd like to visit ${city}`),
  days: (days) => `Make it ${days} day${days === 1 ? "" : "s"}`,
  dates: (iso) => `We start on ${iso}`,
  travellers: (count) => (count === 1 ? "I'm travelling alone" : `We are ${count} travellers`),
  interests: (wanted, dropped = []) => {
    const text = `We're interested in ${joinWords(wanted).toLowerCase()}`;
    return dropped.length ? `${text}, not ${joinWords(dropped).toLowerCase()}` : text;
  },
  pace: (pace) => `Make the pace ${pace}`,
  budget: (budget) => ({
    budget: "Keep it cheap",
    moderate: "Make it a mid-range trip",
    luxury: "Make it a luxury trip",
  })[budget],
};

/** What the composer is pre-filled with when the traveller prefers to write it out. */
export const drafts = {
  city: "Let's go to ",
  days: "Make it  days",
  dates: "We start on ",
  travellers: "We are  travellers",
  interests: "We love ",
  pace: "Make the pace ",
  budget: "Our budget is ",
};
