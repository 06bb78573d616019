/** Keyboard shortcuts, for the classroom: play without hunting for the button, hide the controls, and so on. */

export interface KeyActions {
  playPause: () => void;
  step: () => void;
  reset: () => void;
  toggleControls: () => void;
  toggleTestData: () => void;
  toggleDiscretize: () => void;
  showCode: () => void;
  toggleView: () => void;
  help: () => void;
}

/** The shortcuts, as listed in the help dialog. */
export const SHORTCUTS: [key: string, what: string, action: keyof KeyActions][] = [
  ["Space", "play or pause", "playPause"],
  ["S", "one step (epoch)", "step"],
  ["R", "reset the network", "reset"],
  ["H", "hide or show the controls (classroom mode)", "toggleControls"],
  ["T", "show or hide the test data", "toggleTestData"],
  ["D", "discretise the output", "toggleDiscretize"],
  ["C", "show me the code", "showCode"],
  ["O", "switch between the network and the optimiser race", "toggleView"],
  ["?", "this list", "help"],
];

const KEYS: Record<string, keyof KeyActions> = { " ": "playPause", s: "step", ".": "step", r: "reset", h: "toggleControls", t: "toggleTestData", d: "toggleDiscretize", c: "showCode", o: "toggleView", "?": "help" };

/** Listens on the window; keys typed into form fields, or with Ctrl/Alt/Meta, are left alone. */
export function installKeys(actions: KeyActions): void {
  window.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.closest("input, select, textarea, dialog, [contenteditable]") || (e.key === " " && t.closest("button, [role=button], a")))) return;
    const action = KEYS[e.key.toLowerCase()];
    if (!action) return;
    e.preventDefault();
    actions[action]();
  });
}
