// The editor under the preference chips: opening one chip's editor, closing it, and where
// focus goes. Choosing an option sends the equivalent chat message; "Write it myself"
// pre-fills the composer instead.

import { renderEditor } from "./chips.js";
import { clear } from "./dom.js";
import { UNKNOWN } from "./page-config.js";

/**
 * Bind the chip editor to the page (`{state, ui}` plus `send(text)` and `sizeComposer()`):
 * wires Escape, and returns `{toggleEditor(key, button), closeEditor(restoreFocus)}`.
 * The options come from the page configuration (`state.config`, page-config.js).
 */
export function bindChipEditor(page) {
  const { state, ui } = page;
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
      config: state.config || UNKNOWN,
      send: page.send,
      prefill: (text) => {
        close(false);
        ui.input.value = text;
        page.sizeComposer();
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

  ui.editor.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close(true);
  });

  return { toggleEditor: toggle, closeEditor: close };
}
