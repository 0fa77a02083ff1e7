// What a doctor check reports: a list of items, each either fine or needing
// attention, some with a repair `kumo doctor --fix` can make.

export type CheckStatus = "ok" | "attention" | "skipped";

/** A repair: a file mode change, the only kind doctor makes on its own. */
export interface Fix {
  kind: "chmod";
  path: string;
  from: number;
  to: number;
}

export interface CheckItem {
  message: string;
  /** Needs the user's attention (as opposed to information). */
  attention: boolean;
  path?: string;
  fix?: Fix;
  /** Set by --fix once the repair was made (or failed). */
  fixed?: boolean;
  fixError?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  items: CheckItem[];
  /** Why the check was skipped. */
  reason?: string;
}

export function result(id: string, title: string, items: CheckItem[], skipped?: string): CheckResult {
  if (skipped !== undefined) return { id, title, status: "skipped", items, reason: skipped };
  return { id, title, status: items.some((i) => i.attention) ? "attention" : "ok", items };
}

export function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, "0");
}
