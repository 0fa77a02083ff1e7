// Expected splits and decodings were recorded from AWS CLI v2 2.9.19
// (awscli.customizations.s3.utils.split_s3_bucket_key) and Python 3.11's
// urllib.parse.unquote_plus.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParamError } from "../../../src/errors/index.ts";
import { splitS3Path, unquotePlus, validateBucketName } from "../../../src/commands/s3/paths.ts";

const AP = "arn:aws:s3:us-west-2:123456789012:accesspoint";
const OUTPOST = "arn:aws:s3-outposts:us-west-2:123456789012:outpost";

const splits: [string, string, string][] = [
  ["s3://", "", ""],
  ["s3://b", "b", ""],
  ["s3://b/", "b", ""],
  ["s3://b/k", "b", "k"],
  ["b/k/x", "b", "k/x"],
  ["bucket", "bucket", ""],
  ["S3://b/k", "S3:", "/b/k"],
  ["/x", "", "x"],
  ["s3:///", "", ""],
  ["s3://b//", "b", "/"],
  ["s3://b/dir//", "b", "dir//"],
  [`s3://${AP}/my-ap`, `${AP}/my-ap`, ""],
  [`s3://${AP}/my-ap/pre/fix`, `${AP}/my-ap`, "pre/fix"],
  [`s3://${AP}:my-ap/k`, `${AP}:my-ap`, "k"],
  [`s3://${OUTPOST}/op-01234567890123456/accesspoint/myap/key/x`, `${OUTPOST}/op-01234567890123456/accesspoint/myap`, "key/x"],
  [`s3://${OUTPOST}:op-1:accesspoint:ap:key`, `${OUTPOST}:op-1:accesspoint:ap`, "key"],
];

for (const [path, bucket, key] of splits) {
  test(`splitS3Path(${JSON.stringify(path)})`, () => {
    assert.deepEqual(splitS3Path(path), { bucket, key });
  });
}

test("Object Lambda access points and Outposts bucket ARNs are refused", () => {
  assert.throws(
    () => splitS3Path("s3://arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/my-ap/key"),
    (e: unknown) =>
      e instanceof ParamError &&
      e.exitCode === 252 &&
      e.message === "s3 commands do not support S3 Object Lambda resources. Use s3api commands instead.",
  );
  assert.throws(
    () => splitS3Path(`${OUTPOST}/op-1/bucket/my-bucket/key`),
    (e: unknown) =>
      e instanceof ParamError && e.message === "s3 commands do not support Outpost Bucket ARNs. Use s3control commands instead.",
  );
});

test("bucket names: the CLI's pattern, or an access point ARN", () => {
  for (const ok of ["bkt1", "a", "My_Bucket.x-y", "b".repeat(255), `${AP}/my-ap`, `${OUTPOST}/op-1/accesspoint/ap`]) {
    assert.doesNotThrow(() => validateBucketName(ok), ok);
  }
  for (const bad of ["Bad!name", "b".repeat(256), "S3:", "a b", "", "ü"]) {
    assert.throws(() => validateBucketName(bad), ParamError, bad);
  }
});

test("the invalid bucket name message is the CLI's, byte for byte", () => {
  assert.throws(
    () => validateBucketName("Bad!name"),
    (e: unknown) =>
      e instanceof ParamError &&
      e.message ===
        "Parameter validation failed:\n" +
          'Invalid bucket name "Bad!name": Bucket name must match the regex "^[a-zA-Z0-9.\\-_]{1,255}$" or be an ARN matching the regex ' +
          '"^arn:(aws).*:(s3|s3-object-lambda):[a-z\\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\\-.]{1,63}$|' +
          '^arn:(aws).*:s3-outposts:[a-z\\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\\-]{1,63}$"',
  );
});

const unquoted: [string, string][] = [
  ["a+b", "a b"],
  ["%2B", "+"],
  ["%C3%A9", "é"],
  ["%C3x", "\ufffdx"],
  ["%zz", "%zz"],
  ["%E2%82", "\ufffd"],
  ["%E2%82%AC%", "€%"],
  ["a%20b%2", "a b%2"],
  ["é%41", "éA"],
  ["plain", "plain"],
];

for (const [input, expected] of unquoted) {
  test(`unquotePlus(${JSON.stringify(input)})`, () => {
    assert.equal(unquotePlus(input), expected);
  });
}
