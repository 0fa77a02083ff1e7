// `kumo logs tail <group>`: a log group's events from --since on (default
// the last 10 minutes) through FilterLogEvents, interleaved across streams,
// one line each as the CLI writes them; --follow keeps polling every 5
// seconds, skipping events already shown, until interrupted (exit 0).
import { pyRstrip } from "../../config/ini.ts";
import { EXIT, GeneralError } from "../../errors/index.ts";
import { formatJson } from "../../output/json.ts";
import { isoFromEpoch } from "../../output/timestamps.ts";
import { jsonDoc } from "../../params/python-json.ts";
import { parseTimestampInput } from "../../params/timestamp-input.ts";
import type { AddedCommand } from "./index.ts";

const FORMATS = ["detailed", "short", "json"] as const;
type Format = (typeof FORMATS)[number];
const GREEN = "\x1b[32m";
const CYAN = "\x1b[36m";
const RESET = "\x1b[0m";
const POLL_SECONDS = 5;
const RELATIVE = /^(\d+)(s|m|h|d|w)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export interface LogEvent {
  logStreamName?: string;
  timestamp?: number;
  message?: string;
  eventId?: string;
}

/** --since as epoch milliseconds: `5m`, `2h`, `1w` back from now, or a timestamp. */
export function sinceMillis(text: string, now: Date): number {
  const rel = RELATIVE.exec(text);
  if (rel) return now.getTime() - Number(rel[1]) * UNIT_SECONDS[rel[2]!]! * 1000;
  const d = parseTimestampInput(text);
  if (d === undefined) throw new GeneralError(`Invalid timestamp "${text}": Unknown string format: ${text}`);
  return d.getTime();
}

/** A message that is JSON, laid out as Python's json.dumps(indent=4) (ASCII only); others as they are. */
function prettyJson(message: string): string {
  const doc = jsonDoc(message);
  if (doc === undefined) return message;
  const isEmptyObject = doc !== null && typeof doc === "object" && !Array.isArray(doc) && Object.keys(doc).length === 0;
  const text = isEmptyObject ? "{}" : formatJson(doc).replace(/\n$/, "");
  // ensure_ascii: every character past "~" as \uXXXX (surrogate pairs above the BMP);
  // JSON.stringify has already escaped those below " ".
  return `\n${text.replace(/[^\x00-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}`;
}

/** One event as the CLI prints it in `format`, colored or not, ending in exactly one newline. */
export function formatEvent(e: LogEvent, format: Format, color: boolean): string {
  const paint = (text: string, code: string) => (color ? code + text + RESET : text);
  const iso = isoFromEpoch((e.timestamp ?? 0) / 1000);
  let line: string;
  if (format === "short") {
    line = `${paint(iso.slice(0, 19), GREEN)} ${e.message ?? ""}`;
  } else {
    // detailed: always microseconds; json: Python's isoformat(), without them when zero.
    const stamp = format === "detailed" && iso.length === 25 ? `${iso.slice(0, 19)}.000000${iso.slice(19)}` : iso;
    const message = format === "json" ? prettyJson(e.message ?? "") : (e.message ?? "");
    line = `${paint(stamp, GREEN)} ${paint(e.logStreamName ?? "", CYAN)} ${message}`;
  }
  return `${pyRstrip(line)}\n`;
}

export const logsTail: AddedCommand = {
  summary:
    "Tails the logs for a CloudWatch Logs group. By default, the command returns logs from all associated CloudWatch Logs streams " +
    "from the past 10 minutes.",
  options: [
    { spec: { dest: "group", options: [], metavar: "group_name" }, help: "The name of the CloudWatch Logs group." },
    {
      spec: { dest: "since", options: ["--since"], default: "10m" },
      help: "From what time to begin displaying logs: a timestamp, or a time relative to now (5m, 2h, 1d, 1w). Default: 10m.",
    },
    { spec: { dest: "follow", options: ["--follow"], action: "true" }, help: "Keep polling for new logs (every 5 seconds) until interrupted." },
    { spec: { dest: "format", options: ["--format"], choices: FORMATS, default: "detailed" }, help: "detailed (default), short or json." },
    { spec: { dest: "filterPattern", options: ["--filter-pattern"] }, help: "The filter pattern to use (CloudWatch Logs filter syntax)." },
    { spec: { dest: "streams", options: ["--log-stream-names"], nargs: "+" }, help: "Only these log streams." },
    { spec: { dest: "prefix", options: ["--log-stream-name-prefix"] }, help: "Only log streams whose names start with this prefix." },
  ],
  async run(ctx, values) {
    const { loadService } = await import("../../services/load.ts");
    const { makeClient } = await import("../../request/client.ts");
    const { toKumoError } = await import("../../request/errors.ts");
    const service = await loadService("logs");
    const handle = await makeClient(ctx.settings, service);
    const format = values.format as Format;
    const color = ctx.globals.color === "on" || (ctx.globals.color === "auto" && ctx.io.stdout.isTTY === true);
    const input: Record<string, unknown> = { logGroupName: values.group, interleaved: true };
    input.startTime = sinceMillis(values.since as string, ctx.io.now());
    if (values.filterPattern !== undefined) input.filterPattern = values.filterPattern;
    if (values.streams !== undefined) input.logStreamNames = values.streams;
    if (values.prefix !== undefined) input.logStreamNamePrefix = values.prefix;
    const FilterLogEvents = service.commandClass("FilterLogEvents");
    const page = async (): Promise<{ events?: LogEvent[]; nextToken?: string }> => {
      try {
        return (await handle.client.send(new FilterLogEvents({ ...input }))) as { events?: LogEvent[]; nextToken?: string };
      } catch (e) {
        throw toKumoError(e, "FilterLogEvents", handle.lastUrl());
      }
    };
    const write = (e: LogEvent) => ctx.io.stdout.write(formatEvent(e, format, color));
    try {
      if (!values.follow) {
        for (;;) {
          const r = await page();
          for (const e of r.events ?? []) write(e);
          if (!r.nextToken) return EXIT.OK;
          input.nextToken = r.nextToken;
        }
      }
      // Following: ids of the events shown at the newest timestamp seen, so
      // the next poll (from that timestamp on) shows each event once.
      let stopped = false;
      let wake: (() => void) | undefined;
      const stop = () => {
        stopped = true;
        wake?.();
      };
      // An interrupt ends following quietly, as in the CLI (not kumo's usual exit 130).
      const saved = process.listeners("SIGINT");
      process.removeAllListeners("SIGINT");
      process.once("SIGINT", stop);
      try {
        let seen = new Map<number, Set<string>>();
        while (!stopped) {
          const r = await page();
          for (const e of r.events ?? []) {
            const ts = e.timestamp ?? 0;
            const ids = seen.get(ts) ?? new Set<string>();
            if (e.eventId !== undefined && ids.has(e.eventId)) continue;
            if (e.eventId !== undefined) ids.add(e.eventId);
            seen.set(ts, ids);
            write(e);
          }
          if (seen.size) {
            const newest = Math.max(...seen.keys());
            seen = new Map([[newest, seen.get(newest)!]]);
          }
          if (r.nextToken) {
            input.nextToken = r.nextToken;
            continue;
          }
          if (seen.size) input.startTime = Math.max(...seen.keys());
          delete input.nextToken;
          await Promise.race([ctx.io.sleep(POLL_SECONDS * 1000), new Promise<void>((resolve) => (wake = resolve))]);
        }
      } finally {
        process.removeListener("SIGINT", stop);
        for (const l of saved) process.on("SIGINT", l);
      }
      return EXIT.OK;
    } finally {
      handle.client.destroy();
    }
  },
};
