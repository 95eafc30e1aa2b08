// The load report: every problem met while loading, as a clear message naming the file; loading goes on.
import type { LoadMessage, LoadSeverity } from "./types";

export class LoadReport {
  readonly messages: LoadMessage[] = [];

  add(severity: LoadSeverity, file: string, message: string): void {
    this.messages.push({ file, severity, message });
  }
  error(file: string, message: string): void {
    this.add("error", file, message);
  }
  warn(file: string, message: string): void {
    this.add("warning", file, message);
  }
  get errors(): LoadMessage[] {
    return this.messages.filter((m) => m.severity === "error");
  }
}

/** One line per message, e.g. for a console or a plain-text report. */
export function formatReport(messages: readonly LoadMessage[]): string {
  return messages.map((m) => `${m.severity}: ${m.file}: ${m.message}`).join("\n");
}

/** The message of an unknown thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
