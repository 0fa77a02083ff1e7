// `kumo rds generate-db-auth-token`: a SigV4-presigned `connect` URL for the
// `rds-db` service, valid 15 minutes, used as the password of an IAM
// database user (botocore's generate_db_auth_token, without the scheme).
import { EXIT, GeneralError, NoRegionError } from "../../errors/index.ts";
import { pyIntOf, pyStrRepr } from "../../params/python-values.ts";
import { signingCredentials } from "./credentials.ts";
import type { AddedCommand } from "./index.ts";
import { presignGet } from "./presign.ts";

export const generateDbAuthToken: AddedCommand = {
  summary: "Generates an auth token used to connect to a db with IAM credentials.",
  options: [
    { spec: { dest: "hostname", options: ["--hostname"], required: true }, help: "The hostname of the database to connect to." },
    { spec: { dest: "port", options: ["--port"], required: true }, help: "The port number the database is listening on." },
    { spec: { dest: "username", options: ["--username"], required: true }, help: "The username to log in as." },
  ],
  async run(ctx, values) {
    const portText = values.port as string;
    const port = pyIntOf(portText);
    if (port === undefined) throw new GeneralError(`invalid literal for int() with base 10: ${pyStrRepr(portText)}`);
    const region = ctx.settings.region?.value;
    if (!region) throw new NoRegionError();
    const credentials = await signingCredentials(ctx, region);
    const url = await presignGet({
      origin: `https://${values.hostname as string}:${port}`,
      params: [
        ["Action", "connect"],
        ["DBUser", values.username as string],
      ],
      service: "rds-db",
      region,
      credentials,
      expiresIn: 900,
      now: ctx.io.now(),
    });
    ctx.io.stdout.write(`${url.slice("https://".length)}\n`);
    return EXIT.OK;
  },
};
