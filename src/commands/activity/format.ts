// `kumo activity` output: an aligned table for people, JSON for programs.
import type { Activity } from "./events.ts";

export interface ActivityProblem {
  region: string;
  code: string;
  message: string;
}

const COLUMNS: [string, (a: Activity) => string][] = [
  ["TIME", (a) => a.time],
  ["REGION", (a) => a.region],
  ["WHO", (a) => a.who],
  ["EVENT", (a) => (a.error ? `${a.event} (${a.error})` : a.event)],
  ["SOURCE", (a) => a.source.replace(/\.amazonaws\.com$/, "")],
  ["SOURCE IP", (a) => a.sourceIp],
  ["USER AGENT", (a) => a.userAgent],
];

/** Text cells keep to one line: control characters (a newline in a user agent) become spaces. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, " ");
}

export function activityTable(events: Activity[], maxAgentWidth = 60): string {
  if (events.length === 0) return "No events found.\n";
  const rows = events.map((a) =>
    COLUMNS.map(([name, get]) => {
      const v = oneLine(get(a));
      return name === "USER AGENT" && v.length > maxAgentWidth ? `${v.slice(0, maxAgentWidth - 3)}...` : v;
    }),
  );
  const widths = COLUMNS.map(([name], i) => Math.max(name.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(COLUMNS.map(([n]) => n)), ...rows.map(line)].join("\n") + "\n";
}

export function activityJson(doc: { subject: { kind: string; value: string }; start: string; end: string; regions: string[]; events: Activity[]; problems: ActivityProblem[] }): string {
  return JSON.stringify({ ...doc, complete: doc.problems.length === 0 }, null, 2) + "\n";
}
