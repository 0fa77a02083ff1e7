// Plain-text help for `kumo s3 help` and `kumo s3 ls help`.
import type { CommandContext } from "../../cli/run.ts";
import { EXIT } from "../../errors/index.ts";
import { PROGRAM } from "../../cli/usage.ts";
import { PLANNED_SUBCOMMANDS, SUBCOMMANDS } from "./subcommands.ts";
import { bucketLine, objectLine, prefixLine } from "./format.ts";

const EXAMPLE_DATE = new Date(2026, 0, 31, 9, 30, 0);

export function s3HelpText(): string {
  const width = Math.max(...SUBCOMMANDS.map((s) => s.name.length)) + 4;
  return [
    "s3",
    "",
    "High-level S3 commands with the output of `aws s3`. For every S3 API",
    `operation, use \`${PROGRAM} s3api <operation>\`.`,
    "",
    "USAGE",
    `  ${PROGRAM} s3 <subcommand> [parameters]`,
    `  ${PROGRAM} s3 <subcommand> help`,
    "",
    "SUBCOMMANDS",
    ...SUBCOMMANDS.map((s) => `  ${s.name.padEnd(width)}${s.summary}`),
    "",
    `Not available in ${PROGRAM} yet: ${PLANNED_SUBCOMMANDS.join(", ")}.`,
    "",
    "PATHS",
    "  s3://bucket/prefix   an S3 location; `ls` also accepts bucket/prefix",
    "  An access point ARN may stand in for the bucket name:",
    "    s3://arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/prefix",
    "",
  ].join("\n");
}

export function lsHelpText(): string {
  return [
    "s3 ls",
    "",
    "List S3 objects and common prefixes under a prefix, or all S3 buckets.",
    "The global --output, --query and --no-paginate options are ignored.",
    "",
    "SYNOPSIS",
    `  ${PROGRAM} s3 ls`,
    "    [<S3Uri>]",
    "    [--recursive]",
    "    [--page-size <value>]",
    "    [--human-readable]",
    "    [--summarize]",
    "    [--request-payer [requester]]",
    "",
    "ARGUMENTS",
    "  <S3Uri>  s3://bucket[/prefix] or bucket[/prefix]; omitted (or s3://):",
    "           list the buckets. Without --recursive a prefix is matched up",
    "           to the next `/`: s3://b/dir lists `PRE dir/`, s3://b/dir/",
    "           lists what is inside it.",
    "",
    "OPTIONS",
    "  --recursive          list every object under the prefix, with full keys",
    "  --page-size <int>    keys requested per call (S3's maximum is 1000)",
    "  --human-readable     sizes in Bytes/KiB/MiB/GiB/TiB/PiB/EiB",
    "  --summarize          print the total number of objects and their size",
    "  --request-payer      confirm you pay for requests to a Requester Pays bucket",
    "",
    "OUTPUT (dates and times are local)",
    "  a bucket and its creation date:",
    `    ${bucketLine(EXAMPLE_DATE, "my-bucket")}`.trimEnd(),
    "  a common prefix, then an object (last modified, size, key):",
    `    ${prefixLine("photos/")}`.trimEnd(),
    `    ${objectLine({ key: "report.csv", size: 1536, lastModified: EXAMPLE_DATE }, { humanReadable: false, fullKey: false })}`.trimEnd(),
    "",
    "EXIT STATUS",
    "  0    listed (an empty bucket or no buckets is not an error)",
    "  1    a prefix was given and nothing matched it",
    "  252  bad arguments or bucket name",
    "  254  the service returned an error (for example NoSuchBucket)",
    "",
  ].join("\n");
}

export function printS3Help(ctx: CommandContext): number {
  ctx.io.stdout.write(s3HelpText());
  return EXIT.OK;
}

export function printLsHelp(ctx: CommandContext): number {
  ctx.io.stdout.write(lsHelpText());
  return EXIT.OK;
}
