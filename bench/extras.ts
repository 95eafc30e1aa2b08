// The rows beyond ssd_head_step (full runs only): filled in below.
import type { Row, Skipped } from "./results";

export async function runExtras(_log: (s: string) => void): Promise<(Row | Skipped)[]> {
  return [];
}
