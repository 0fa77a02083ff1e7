// SDK output -> the CLI's document, on real schemas from the service packs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Pack } from "../../../src/services/pack.ts";
import { operationShapes } from "../../../src/services/shape.ts";
import { normalizeResponse } from "../../../src/output/normalize.ts";
import { isFloatAt } from "../../../src/output/document.ts";
import { installWireValueCapture, NUMBER_TEXT, WireTimestamp } from "../../../src/request/wire-values.ts";
import { JsonShapeDeserializer } from "@smithy/core/protocols";
import { formatJson } from "../../../src/output/json.ts";
import { ROOT } from "../../helpers/run.ts";

const have = (n: string) => existsSync(join(ROOT, "dist", "packs", `${n}.pack`));

test("members come out in model order, without $metadata, timestamps and blobs as the CLI prints them", { skip: have("iam") ? false : "run npm run build first" }, () => {
  const pack = Pack.load(join(ROOT, "dist/packs/iam.pack"));
  const { output } = operationShapes(pack.operation("GetUser"));
  const doc = normalizeResponse(
    {
      $metadata: { httpStatusCode: 200 },
      User: { Arn: "arn:aws:iam::123456789012:user/a", UserName: "a", CreateDate: new WireTimestamp("2026-11-26T07:02:33.566770Z"), Path: "/", UserId: "AID" },
    },
    output,
  );
  assert.deepEqual(Object.keys(doc), ["User"]);
  assert.deepEqual(Object.keys(doc.User as object), ["Path", "UserName", "UserId", "Arn", "CreateDate"]);
  assert.equal((doc.User as Record<string, unknown>).CreateDate, "2026-11-26T07:02:33.566770+00:00");
  const wire = normalizeResponse({ User: { CreateDate: new WireTimestamp("2026-11-26T07:02:33.566770Z") } }, output, "wire");
  assert.equal((wire.User as Record<string, unknown>).CreateDate, "2026-11-26T07:02:33.566770Z");
});

test("integral floats are marked and print as 5.0", { skip: have("cloudwatch") ? false : "run npm run build first" }, () => {
  const pack = Pack.load(join(ROOT, "dist/packs/cloudwatch.pack"));
  const { output } = operationShapes(pack.operation("GetMetricStatistics"));
  const doc = normalizeResponse(
    { Label: "CPU", Datapoints: [{ Average: NUMBER_TEXT + "5.0", Sum: 1.5, SampleCount: NUMBER_TEXT + "2.0" }] },
    output,
  );
  const dp = (doc.Datapoints as Record<string, number>[])[0]!;
  assert.equal(dp.Average, 5);
  assert.ok(isFloatAt(dp, "Average", 5));
  assert.match(formatJson(doc), /"Average": 5\.0,/);
  assert.match(formatJson(doc), /"Sum": 1\.5/);
});

test("blobs become base64 text", { skip: have("kms") ? false : "run npm run build first" }, () => {
  const pack = Pack.load(join(ROOT, "dist/packs/kms.pack"));
  const { output } = operationShapes(pack.operation("GenerateRandom"));
  const doc = normalizeResponse({ Plaintext: new Uint8Array([104, 105]) }, output);
  assert.equal(doc.Plaintext, "aGk=");
});

test("epoch seconds written as floats with no fraction (1.601E9, 1700000000.0) are dates, and floats under cli_timestamp_format wire", { skip: have("acm") ? false : "run npm run build first" }, async () => {
  installWireValueCapture();
  const pack = Pack.load(join(ROOT, "dist/packs/acm.pack"));
  const { output } = operationShapes(pack.operation("ListCertificates"));
  const body = '{"CertificateSummaryList": [{"CertificateArn": "arn:a", "CreatedAt": 1.601E9, "IssuedAt": 1700000000.0, "NotAfter": 1700000000, "NotBefore": 1700000000.25}]}';
  const read = async () =>
    (await new JsonShapeDeserializer({ timestampFormat: { useTrait: true, default: 7 }, jsonName: false }).read(output.ns.getSchema() as never, new TextEncoder().encode(body))) as Record<string, unknown>;
  const iso = normalizeResponse(await read(), output);
  const summary = (iso.CertificateSummaryList as Record<string, unknown>[])[0]!;
  assert.deepEqual([summary.CreatedAt, summary.IssuedAt, summary.NotAfter, summary.NotBefore], [
    "2020-09-25T02:13:20+00:00",
    "2023-11-14T22:13:20+00:00",
    "2023-11-14T22:13:20+00:00",
    "2023-11-14T22:13:20.250000+00:00",
  ]);
  const wire = normalizeResponse(await read(), output, "wire");
  const text = formatJson(wire);
  for (const line of ['"CreatedAt": 1601000000.0', '"IssuedAt": 1700000000.0', '"NotAfter": 1700000000,', '"NotBefore": 1700000000.25,']) {
    assert.ok(text.includes(line), `${line} in\n${text}`);
  }
});
