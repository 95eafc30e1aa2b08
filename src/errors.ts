// One way to say what went wrong: an Error's message (its name when it has none), anything else as text.
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
