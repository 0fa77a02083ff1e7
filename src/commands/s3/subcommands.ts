// The `kumo s3` subcommands: those kumo provides, and the rest of the AWS
// CLI's set, which are recognised so that asking for one says plainly that it
// is not available rather than "invalid choice".
import type { CommandContext } from "../../cli/run.ts";

export interface S3Subcommand {
  name: string;
  summary: string;
  run(ctx: CommandContext, args: string[]): Promise<number>;
}

export const SUBCOMMANDS: S3Subcommand[] = [
  {
    name: "ls",
    summary: "List buckets, or the objects and common prefixes under a prefix",
    run: async (ctx, args) => (await import("./ls.ts")).runLs(ctx, args),
  },
];

/** The AWS CLI's other `s3` subcommands, in its order. */
export const PLANNED_SUBCOMMANDS = ["website", "cp", "mv", "rm", "sync", "mb", "rb", "presign"] as const;
