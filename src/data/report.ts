// The load report: every problem met while loading, as a clear message naming the file; loading goes on.
// It is capped: a broken archive can repeat one problem a million times, so each kind of message (its text
// with the numbers taken out) is listed MAX_PER_KIND times, then counted in one "and N more like this" line.
import type { LoadMessage, LoadSeverity } from "./types";

/** Messages of one kind listed before the rest are only counted. */
export const MAX_PER_KIND = 200;
/** Messages listed in all; past this every new message is only counted (per severity). */
export const MAX_MESSAGES = 2000;

/** What makes two messages "alike": severity and text, with numbers and quoted names left out. */
export function messageKind(severity: LoadSeverity, message: string): string {
  return `${severity}:${message.replace(/"[^"]*"/g, '""').replace(/\d+/g, "#")}`;
}

interface Kind {
  listed: number;
  more: number;
  /** the "and N more like this" line, once there is one */
  summary: LoadMessage | null;
}

export class LoadReport {
  private readonly kinds = new Map<string, Kind>();
  /** every message added, listed or only counted */
  total = 0;

  /** `messages`: the list to add to (a dataset's report, to go on adding to it after loading) */
  constructor(readonly messages: LoadMessage[] = []) {}

  add(severity: LoadSeverity, file: string, message: string): void {
    this.total++;
    const full = this.messages.length >= MAX_MESSAGES;
    const key = full ? `${severity}:(report full)` : messageKind(severity, message);
    let k = this.kinds.get(key);
    if (!k) {
      k = { listed: 0, more: 0, summary: null };
      this.kinds.set(key, k);
    }
    if (!full && k.listed < MAX_PER_KIND) {
      k.listed++;
      this.messages.push({ file, severity, message });
      return;
    }
    k.more++;
    if (!k.summary) {
      k.summary = { file: "(more)", severity, message: "", count: 0 };
      this.messages.push(k.summary);
    }
    k.summary.count = k.more;
    k.summary.file = full ? "(report full)" : `(more like ${file})`;
    k.summary.message = full
      ? `and ${k.more} more ${severity === "error" ? "errors" : "warnings"} not listed (the report is full at ${MAX_MESSAGES} lines)`
      : `and ${k.more} more like this: ${message}`;
  }
  error(file: string, message: string): void {
    this.add("error", file, message);
  }
  warn(file: string, message: string): void {
    this.add("warning", file, message);
  }
  /** Add messages from another report (or list), in order, under the same caps. */
  addAll(messages: readonly LoadMessage[]): void {
    for (const m of messages) this.add(m.severity, m.file, m.message);
  }
  get errors(): LoadMessage[] {
    return this.messages.filter((m) => m.severity === "error");
  }
}

/** How many messages a report stands for (a grouped "and N more" line counts N). */
export function messageCount(messages: readonly LoadMessage[], severity?: LoadSeverity): number {
  let n = 0;
  for (const m of messages) if (!severity || m.severity === severity) n += m.count ?? 1;
  return n;
}

/** One line per message, e.g. for a console or a plain-text report. */
export function formatReport(messages: readonly LoadMessage[]): string {
  return messages.map((m) => `${m.severity}: ${m.file}: ${m.message}`).join("\n");
}
