// S3 paths as the high-level `s3` commands read them: `s3://bucket/key`, or
// `bucket/key` where the scheme is optional (ls), with access point and
// Outposts access point ARNs standing in for the bucket name.
import { ParamError } from "../../errors/index.ts";

// Python's `.` never matches a newline; JavaScript's also skips \r and the
// Unicode line separators, so `[^\n]` keeps the patterns' meaning.
const ACCESSPOINT_PATH = /^(arn:(aws)[^\n]*:s3:[a-z\-0-9]*:[0-9]{12}:accesspoint[:/][^/]+)\/?([^\n]*)\n?$/;
const OUTPOST_ACCESSPOINT_PATH =
  /^(arn:(aws)[^\n]*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9-]{1,63})[/:]?([^\n]*)\n?$/;
const OUTPOST_BUCKET_ARN =
  /^arn:(aws)[^\n]*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9-]{1,63}[/:]bucket[/:][a-zA-Z0-9-]{1,63}[/:]?[^\n]*\n?$/;
const OBJECT_LAMBDA_ARN = /^arn:(aws)[^\n]*:s3-object-lambda:[a-z\-0-9]+:[0-9]{12}:accesspoint[/:][a-zA-Z0-9-]{1,63}[/:]?[^\n]*\n?$/;

// The bucket-name check S3 requests go through before they are sent, with the
// texts the AWS CLI prints. Python's `$` also matches before a final newline.
const VALID_BUCKET_SOURCE = "^[a-zA-Z0-9.\\-_]{1,255}$";
const ACCESSPOINT_ARN_SOURCE =
  "^arn:(aws).*:(s3|s3-object-lambda):[a-z\\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\\-.]{1,63}$";
const OUTPOST_ARN_SOURCE =
  "^arn:(aws).*:s3-outposts:[a-z\\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\\-]{1,63}$";
const VALID_BUCKET = /^[a-zA-Z0-9.\-_]{1,255}\n?$/;
const VALID_S3_ARN = new RegExp(
  [ACCESSPOINT_ARN_SOURCE, OUTPOST_ARN_SOURCE].map((s) => s.replace(/\.\*/g, "[^\\n]*").replace(/\$$/, "\\n?$")).join("|"),
);

export interface BucketKey {
  /** Empty when the path names no bucket (`s3://`): list the buckets. */
  bucket: string;
  key: string;
}

/** Rejects the ARNs the s3 commands cannot work with (exit 252). */
export function blockUnsupportedResources(path: string): void {
  if (OBJECT_LAMBDA_ARN.test(path)) {
    throw new ParamError("s3 commands do not support S3 Object Lambda resources. Use s3api commands instead.");
  }
  if (OUTPOST_BUCKET_ARN.test(path)) {
    throw new ParamError("s3 commands do not support Outpost Bucket ARNs. Use s3control commands instead.");
  }
}

/** Splits `bucket/key` (no scheme) at the first slash; ARNs keep their slashes. */
export function findBucketKey(path: string): BucketKey {
  blockUnsupportedResources(path);
  const m = ACCESSPOINT_PATH.exec(path) ?? OUTPOST_ACCESSPOINT_PATH.exec(path);
  if (m) return { bucket: m[1]!, key: m[3]! };
  const slash = path.indexOf("/");
  if (slash < 0) return { bucket: path, key: "" };
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

/** `s3://bucket/key` or `bucket/key`: only a lower-case `s3://` is a scheme. */
export function splitS3Path(path: string): BucketKey {
  return findBucketKey(path.startsWith("s3://") ? path.slice(5) : path);
}

/** The check every S3 request makes on its Bucket parameter. */
export function validateBucketName(bucket: string): void {
  if (VALID_BUCKET.test(bucket) || VALID_S3_ARN.test(bucket)) return;
  throw new ParamError(
    "Parameter validation failed:\n" +
      `Invalid bucket name "${bucket}": Bucket name must match the regex "${VALID_BUCKET_SOURCE}" ` +
      `or be an ARN matching the regex "${ACCESSPOINT_ARN_SOURCE}|${OUTPOST_ARN_SOURCE}"`,
  );
}

/**
 * Python's `urllib.parse.unquote_plus`, used on keys and prefixes that S3
 * returns URL-encoded (`EncodingType=url`): `+` is a space, `%XX` runs are
 * UTF-8 (bad bytes become U+FFFD), and a `%` without two hex digits stays.
 */
export function unquotePlus(s: string): string {
  const text = s.replace(/\+/g, " ");
  if (!text.includes("%")) return text;
  const decoder = new TextDecoder("utf-8");
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decoder.decode(bytes);
  });
}
