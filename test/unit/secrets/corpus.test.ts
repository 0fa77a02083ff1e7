// Precision and recall of the built-in rules on a labelled corpus: real-looking
// AWS secrets in the shapes they take in code and configuration (true
// positives), and the strings that trip naive scanners (documentation
// examples, random base64, UUIDs, hashes, placeholders) as false positives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID, createHash } from "node:crypto";
import { Detector } from "../../../src/secrets/detector.ts";
import { BUILTIN_RULES } from "../../../src/secrets/rules.ts";
import { scanBuffer } from "../../../src/secrets/scan.ts";
import { allowedBy, EMPTY_ALLOWLIST } from "../../../src/secrets/allowlist.ts";
import type { Finding } from "../../../src/secrets/finding.ts";
import { BASE64, randomFrom, randomKeyId, randomSecret, randomSessionToken, rng } from "./helpers.ts";

interface Sample {
  text: string;
  /** The secret that must be found, or undefined for a line that must stay quiet. */
  secret?: string;
  kind: string;
}

function corpus(): Sample[] {
  const r = rng(7);
  const out: Sample[] = [];
  for (let i = 0; i < 40; i++) {
    const id = randomKeyId(r, ["AKIA", "ASIA", "ABIA", "ACCA"][i % 4]);
    const shapes = [
      `aws_access_key_id = ${id}`,
      `export AWS_ACCESS_KEY_ID=${id}`,
      `"AccessKeyId": "${id}",`,
      `const key = '${id}';`,
      `url = "https://s3.amazonaws.com/b?X-Amz-Credential=${id}%2F20240101"`,
    ];
    out.push({ text: shapes[i % shapes.length]!, secret: id, kind: "key id" });
  }
  for (let i = 0; i < 20; i++) {
    const id = randomKeyId(r, ["AIDA", "AROA", "AGPA", "ANPA", "ASCA"][i % 5]);
    out.push({ text: `"UserId": "${id}"`, secret: id, kind: "unique id" });
  }
  for (let i = 0; i < 40; i++) {
    const s = randomSecret(r);
    const shapes = [
      `aws_secret_access_key = ${s}`,
      `AWS_SECRET_ACCESS_KEY="${s}"`,
      `"SecretAccessKey": "${s}",`,
      `  secret_key: ${s}`,
      `secretAccessKey: '${s}',`,
      `aws_secret_key => "${s}"`,
      `SECRET_KEY=${s}`,
      `AwsSecretKey := "${s}"`,
    ];
    out.push({ text: shapes[i % shapes.length]!, secret: s, kind: "secret key" });
  }
  for (let i = 0; i < 10; i++) {
    const t = randomSessionToken(r);
    out.push({ text: i % 2 ? `aws_session_token = ${t}` : `"SessionToken": "${t}"`, secret: t, kind: "session token" });
  }
  for (let i = 0; i < 10; i++) {
    const acct = String(Math.floor(r() * 9e11) + 1e11);
    out.push({ text: `role_arn = arn:aws:iam::${acct}:role/deploy`, secret: acct, kind: "arn account" });
  }
  out.push({ text: `key = "ABSK${randomFrom(r, BASE64, 130)}"`, secret: undefined, kind: "placeholder" });
  out.pop();
  out.push({ text: `BEDROCK="ABSK${randomFrom(r, BASE64, 130)}"`, secret: "ABSK", kind: "bedrock" });

  // Quiet lines.
  const quiet: string[] = [
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE",
    "aws_access_key_id = AKIAXXXXXXXXXXXXXXXX",
    "aws_access_key_id = AKIA0000000000000000",
    "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
    "aws_secret_access_key = <your secret key here>",
    "role_arn = arn:aws:iam::123456789012:role/example",
    "arn:aws:s3:::my-bucket/key",
    "account_id = 1111-2222-3333",
  ];
  for (let i = 0; i < 30; i++) quiet.push(`blob = "${randomFrom(r, BASE64, 40 + (i % 5) * 20)}"`);
  for (let i = 0; i < 30; i++) quiet.push(`id: ${randomUUID()}`);
  for (let i = 0; i < 20; i++) quiet.push(`commit ${createHash("sha1").update(String(i)).digest("hex")}`);
  for (let i = 0; i < 20; i++) quiet.push(`key = ${createHash("sha1").update(`k${i}`).digest("hex")}`);
  for (let i = 0; i < 20; i++) quiet.push(`checksum: ${createHash("sha256").update(`c${i}`).digest("hex")}`);
  for (let i = 0; i < 20; i++) quiet.push(`ETAG=${createHash("md5").update(`e${i}`).digest("hex").toUpperCase()}`);
  for (let i = 0; i < 10; i++) quiet.push(`NAKIA${randomFrom(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}X is part of a longer word`);
  for (let i = 0; i < 10; i++) quiet.push(`api_key = ${randomFrom(r, BASE64, 32)}`);
  for (const q of quiet) out.push({ text: q, kind: "quiet" });
  return out;
}

function scanLine(detector: Detector, text: string): Finding[] {
  const found: Finding[] = [];
  scanBuffer(Buffer.from(text + "\n"), "sample.txt", detector, (f) => {
    if (!allowedBy(f, EMPTY_ALLOWLIST)) found.push(f);
  });
  return found;
}

test("built-in rules: precision and recall on the labelled corpus", () => {
  const detector = new Detector(BUILTIN_RULES);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  const noise: string[] = [];
  for (const s of corpus()) {
    const found = scanLine(detector, s.text);
    if (s.secret === undefined) {
      fp += found.length;
      if (found.length) noise.push(`${s.text} -> ${found.map((f) => f.rule).join(",")}`);
      continue;
    }
    const hit = found.some((f) => f.secret.startsWith(s.secret!));
    if (hit) tp++;
    else {
      fn++;
      misses.push(`${s.kind}: ${s.text.slice(0, 80)}`);
    }
    fp += found.filter((f) => !f.secret.startsWith(s.secret!)).length;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  if (process.env.CORPUS_DEBUG) console.log({ tp, fp, fn, precision, recall, noise, misses });
  assert.ok(tp > 100, `corpus too small: ${tp}`);
  assert.ok(recall >= 0.97, `recall ${recall.toFixed(3)}; missed:\n${misses.join("\n")}`);
  assert.ok(precision >= 0.97, `precision ${precision.toFixed(3)}; noise:\n${noise.join("\n")}`);
});

test("every quiet line of the corpus is quiet for the documented reason", () => {
  const detector = new Detector(BUILTIN_RULES);
  // The documentation examples are matched by the rules and then allowed, not missed.
  const raw: Finding[] = [];
  scanBuffer(Buffer.from("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"), "a", detector, (f) => raw.push(f));
  assert.equal(raw.length, 1);
  assert.equal(allowedBy(raw[0]!, EMPTY_ALLOWLIST), "documentation example");
});
