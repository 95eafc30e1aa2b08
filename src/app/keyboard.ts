// Jupyter-like keys: Shift+Enter runs the selected cell and moves on, Ctrl/Cmd+Enter runs in place,
// ArrowUp/ArrowDown or k/j move between cells, p toggles presentation mode (arrows move there too).

export type KeyAction =
  | { type: "run"; advance: boolean }
  | { type: "move"; delta: number }
  | { type: "present" }
  | { type: "exit-present" };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** the element the key went to */
  target: EventTarget | null;
}

/** Controls that need the arrow keys and letters for themselves (charts and pictures mark it: data-arrow-keys). */
function isEditable(t: EventTarget | null): boolean {
  if (!t || typeof (t as Element).closest !== "function") return false;
  return !!(t as Element).closest(
    "input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='slider'], [data-arrow-keys]",
  );
}

export function keyAction(e: KeyLike, presenting: boolean): KeyAction | null {
  if (e.key === "Enter" && e.shiftKey && !e.ctrlKey && !e.metaKey) return { type: "run", advance: true };
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) return { type: "run", advance: false };
  if (e.altKey || e.ctrlKey || e.metaKey || isEditable(e.target)) return null;
  switch (e.key) {
    case "ArrowDown":
    case "j":
      return { type: "move", delta: 1 };
    case "ArrowUp":
    case "k":
      return { type: "move", delta: -1 };
    case "ArrowRight":
    case "PageDown":
      return presenting ? { type: "move", delta: 1 } : null;
    case "ArrowLeft":
    case "PageUp":
      return presenting ? { type: "move", delta: -1 } : null;
    case "p":
      return { type: "present" };
    case "Escape":
      return presenting ? { type: "exit-present" } : null;
    default:
      return null;
  }
}
