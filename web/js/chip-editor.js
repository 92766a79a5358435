// The editor under the preference chips: opening one chip's editor, closing it, and where
// focus goes. Choosing an option sends the equivalent chat message; "Write it myself"
// pre-fills the composer instead.

import { renderEditor } from "./chips.js";
import { clear } from "./dom.js";

/**
 * The chip editor bound to the page: `{state, ui, send(text), sizeComposer()}`.
 * Returns `{toggle(key, button), close(restoreFocus)}`.
 */
export function chipEditor({ state, ui, send, sizeComposer }) {
  let opener = null;

  function close(restoreFocus) {
    const key = opener;
    state.openChip = null;
    opener = null;
    ui.editor.hidden = true;
    clear(ui.editorBody);
    for (const chip of ui.chips.querySelectorAll("button")) chip.setAttribute("aria-expanded", "false");
    if (restoreFocus && key) {
      const chip = ui.chips.querySelector(`button[data-key="${key}"]`);
      if (chip) chip.focus();
    }
  }

  function toggle(key, button) {
    if (state.openChip === key) {
      close(true);
      return;
    }
    state.openChip = key;
    opener = key;
    for (const chip of ui.chips.querySelectorAll("button")) {
      chip.setAttribute("aria-expanded", String(chip === button));
    }
    const first = renderEditor(ui.editorTitle, ui.editorBody, key, {
      session: state.session,
      cities: state.cities,
      send,
      prefill: (text) => {
        close(false);
        ui.input.value = text;
        sizeComposer();
        ui.input.focus();
        const gap = text.indexOf("  ");
        const caret = gap === -1 ? text.length : gap + 1;
        ui.input.setSelectionRange(caret, caret);
      },
      close: () => close(true),
    });
    ui.editor.hidden = false;
    if (first) first.focus();
  }

  return { toggle, close };
}
