// The `configure list` table: column widths, masking and the Type/Location
// cells, against lines printed by AWS CLI v2.9.19 (also replayed end to end
// in recorded.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  credentialRows,
  formatListRow,
  listHeader,
  maskValue,
  notSet,
  profileRow,
  regionRow,
} from "../../../src/commands/configure/list-format.ts";

test("header and rows use the CLI's %10s %24s %16s    %s layout", () => {
  assert.equal(
    listHeader(),
    "      Name                    Value             Type    Location\n" + "      ----                    -----             ----    --------\n",
  );
  assert.equal(formatListRow(notSet("profile")), "   profile                <not set>             None    None\n");
  // Wider values are not cut; the columns after them move right.
  assert.equal(
    formatListRow(credentialRows({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x", method: "shared-credentials-file" })[0]),
    "access_key     ****************MPLE shared-credentials-file    \n",
  );
  // Widths count characters, not UTF-16 units.
  const row = formatListRow({ name: "profile", value: "p😀", type: "manual", location: "--profile" });
  assert.equal(row, `   profile ${" ".repeat(22)}p😀           manual    --profile\n`);
});

test("masking keeps the last four characters", () => {
  assert.equal(maskValue("AKIAIOSFODNN7EXAMPLE"), "****************MPLE");
  assert.equal(maskValue("x"), "****************x");
  assert.equal(maskValue(""), "****************");
  const [, secret] = credentialRows({ accessKeyId: "a", secretAccessKey: "x", method: "env" });
  assert.equal(formatListRow(secret), "secret_key        ****************x              env    \n");
  assert.deepEqual(credentialRows(undefined), [notSet("access_key"), notSet("secret_key")]);
});

test("profile row: --profile, then AWS_PROFILE / AWS_DEFAULT_PROFILE", () => {
  assert.equal(formatListRow(profileRow("dev", { AWS_PROFILE: "x" })), "   profile                      dev           manual    --profile\n");
  assert.equal(
    formatListRow(profileRow(undefined, { AWS_DEFAULT_PROFILE: "dev" })),
    "   profile                      dev              env    ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']\n",
  );
  assert.equal(profileRow(undefined, { AWS_PROFILE: "a", AWS_DEFAULT_PROFILE: "b" }).value, "a");
  assert.deepEqual(profileRow(undefined, {}), notSet("profile"));
});

test("region row: environment, then the profile, then anything else as imds", () => {
  const base = { env: {}, profileRegion: undefined, configFileName: "~/.aws/config", other: undefined };
  assert.equal(
    formatListRow(regionRow({ ...base, env: { AWS_DEFAULT_REGION: "us-east-2" }, profileRegion: "x" })),
    "    region                us-east-2              env    ['AWS_REGION', 'AWS_DEFAULT_REGION']\n",
  );
  assert.equal(regionRow({ ...base, env: { AWS_REGION: "a", AWS_DEFAULT_REGION: "b" } }).value, "a");
  assert.equal(formatListRow(regionRow({ ...base, profileRegion: "us-west-2" })), "    region                us-west-2      config-file    ~/.aws/config\n");
  assert.equal(regionRow({ ...base, profileRegion: "r", configFileName: "/etc/aws.cfg" }).location, "/etc/aws.cfg");
  // A --region flag only shows when nothing else sets the region.
  assert.equal(formatListRow(regionRow({ ...base, other: "eu-north-1" })), "    region               eu-north-1             imds    \n");
  assert.equal(regionRow({ ...base, profileRegion: "r", other: "eu-north-1" }).type, "config-file");
  assert.deepEqual(regionRow(base), notSet("region"));
});
