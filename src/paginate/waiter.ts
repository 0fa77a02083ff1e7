// `kumo <service> wait <waiter-name>`: polls an operation until an acceptor
// of the waiter (waiters-2.json) reaches a success or failure state, the way
// botocore's Waiter.wait does.
//
// Each attempt calls the operation once and checks the acceptors in order;
// the first that matches sets the state. success → return; failure → fail
// with that acceptor's explanation; an error response no acceptor matched →
// fail with the error; after maxAttempts → fail ("Max attempts exceeded");
// otherwise sleep `delay` seconds and try again.
//
// Responses are seen as botocore sees them: a successful call is its output
// document (HTTP status 200 unless the document carries
// ResponseMetadata.HTTPStatusCode); a service error is
// {"Error": {"Code", "Message"}, "ResponseMetadata": {"HTTPStatusCode"}}.
// A successful document with an `Error.Code` member counts as an error too,
// as in botocore. Other failures of `call` (network, credentials) propagate.
//
// Failure messages (exit 255) are botocore's WaiterError texts:
//   Waiter <Name> failed: Waiter encountered a terminal failure state: <explanation>
//   Waiter <Name> failed: Max attempts exceeded[. Previously accepted state: <explanation>]
//   Waiter <Name> failed: An error occurred (<Code>): <Message>
// where, as in botocore, the "previously accepted" explanation is that of the
// acceptor the last attempt stopped at (the matched one, else the last one).
//
// The `error` matcher also takes `true` (any error) and `false` (no error),
// which newer waiter models use in place of `status: 200`.
//
// Path arguments are evaluated by kumo's JMESPath engine (output/query/), as
// botocore's python jmespath would, and the result is compared with the
// expected value by Python's `==` (1 == 1.0 == True, [1] == [True]).

import { GeneralError, ServiceError } from "../errors/index.ts";
import type { Doc, DocObject } from "../output/document.ts";
import { isObject } from "../output/document.ts";
import { pyStrValue } from "../output/pyformat.ts";
import { compileExpression, evaluateExpression, pyEquals as pyEqualsValue, type CompiledQuery } from "../output/query/index.ts";
import type { WaiterAcceptor, WaiterConfig } from "./config.ts";

export interface WaiterOptions {
  /** The waiter's model name, e.g. `InstanceRunning` (used in messages). */
  name: string;
  config: WaiterConfig;
  /** Calls `config.operation` once. Service errors must arrive as ServiceError. */
  call: (input: Record<string, unknown>) => Promise<DocObject>;
  input: Record<string, unknown>;
  /** Waits between attempts (ms); injected so tests need not wait. */
  sleep: (ms: number) => Promise<void>;
  /** Overrides of the model's delay (seconds) and attempt count (botocore's WaiterConfig). */
  delay?: number | undefined;
  maxAttempts?: number | undefined;
}

/** botocore's WaiterError. */
export class WaiterError extends GeneralError {
  readonly waiterName: string;
  readonly reason: string;
  constructor(name: string, reason: string, options?: { cause?: unknown }) {
    super(`Waiter ${name} failed: ${reason}`, options);
    this.waiterName = name;
    this.reason = reason;
  }
}

interface Response {
  doc: DocObject;
  status: number | undefined;
}

interface Acceptor {
  config: WaiterAcceptor;
  matches: (response: Response) => boolean;
  explanation: string;
}

/** Python == between a JMESPath result and an expected value (1 == 1.0 == True). */
export function pyEquals(a: unknown, b: unknown): boolean {
  return pyEqualsValue(a as Doc, b as Doc);
}

/** botocore's is_valid_waiter_error: the response has Error.Code. */
function isErrorResponse(doc: DocObject): boolean {
  const error = doc["Error"];
  return isObject(error) && Object.prototype.hasOwnProperty.call(error, "Code");
}

function errorCode(doc: DocObject): Doc | undefined {
  const error = doc["Error"];
  if (!isObject(error)) return "";
  return Object.prototype.hasOwnProperty.call(error, "Code") ? error["Code"] : "";
}

function str(value: unknown): string {
  return pyStrValue(value as Doc);
}

function explain(a: WaiterAcceptor): string {
  const expected = str(a.expected);
  switch (a.matcher) {
    case "path":
      return `For expression "${a.argument}" we matched expected path: "${expected}"`;
    case "pathAll":
      // Sic: the CLI says "excepted".
      return `For expression "${a.argument}" all members matched excepted path: "${expected}"`;
    case "pathAny":
      return `For expression "${a.argument}" we matched expected path: "${expected}" at least once`;
    case "status":
      return `Matched expected HTTP status code: ${expected}`;
    case "error":
      return `Matched expected service error code: ${expected}`;
    default:
      return `No explanation for unknown waiter type: "${String(a.matcher)}"`;
  }
}

function search(doc: DocObject, expression: CompiledQuery): Doc {
  return evaluateExpression(expression, doc).value;
}

function buildAcceptor(config: WaiterAcceptor): Acceptor {
  const expected = config.expected;
  let matches: (r: Response) => boolean;
  switch (config.matcher) {
    case "path": {
      const node = compileExpression(String(config.argument));
      matches = (r) => !isErrorResponse(r.doc) && pyEquals(search(r.doc, node), expected);
      break;
    }
    case "pathAll": {
      const node = compileExpression(String(config.argument));
      matches = (r) => {
        if (isErrorResponse(r.doc)) return false;
        const result = search(r.doc, node);
        return Array.isArray(result) && result.length > 0 && result.every((e) => pyEquals(e, expected));
      };
      break;
    }
    case "pathAny": {
      const node = compileExpression(String(config.argument));
      matches = (r) => {
        if (isErrorResponse(r.doc)) return false;
        const result = search(r.doc, node);
        return Array.isArray(result) && result.length > 0 && result.some((e) => pyEquals(e, expected));
      };
      break;
    }
    case "status":
      matches = (r) => r.status !== undefined && pyEquals(r.status, expected);
      break;
    case "error":
      if (expected === true) matches = (r) => isErrorResponse(r.doc);
      else if (expected === false) matches = (r) => !Object.prototype.hasOwnProperty.call(r.doc, "Error");
      else matches = (r) => pyEquals(errorCode(r.doc), expected);
      break;
    default:
      throw new GeneralError(`Waiter config error: Unknown acceptor: ${String(config.matcher)}`);
  }
  return { config, matches, explanation: explain(config) };
}

function statusOf(doc: DocObject): number | undefined {
  const meta = doc["ResponseMetadata"];
  if (isObject(meta) && typeof meta["HTTPStatusCode"] === "number") return meta["HTTPStatusCode"];
  return 200;
}

async function attempt(opts: WaiterOptions): Promise<Response> {
  try {
    const doc = await opts.call({ ...opts.input });
    return { doc, status: statusOf(doc) };
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    const meta: DocObject = {};
    if (err.statusCode !== undefined) meta["HTTPStatusCode"] = err.statusCode;
    return {
      doc: { Error: { Code: err.code, Message: err.serviceMessage }, ResponseMetadata: meta },
      status: err.statusCode,
    };
  }
}

/** Waits as `aws <service> wait <waiter>` does; resolves on success, throws WaiterError otherwise. */
export async function runWaiter(opts: WaiterOptions): Promise<void> {
  const acceptors = opts.config.acceptors.map(buildAcceptor);
  const delay = opts.delay ?? opts.config.delay;
  const maxAttempts = opts.maxAttempts ?? opts.config.maxAttempts;
  let state: string = "waiting";
  let matchedAny = false;
  let attempts = 0;
  for (;;) {
    const response = await attempt(opts);
    attempts++;
    // botocore reports the acceptor its loop stopped at: the match, else the last one.
    let stoppedAt: Acceptor | undefined;
    let matched = false;
    for (const acceptor of acceptors) {
      stoppedAt = acceptor;
      if (acceptor.matches(response)) {
        matched = true;
        matchedAny = true;
        state = acceptor.config.state;
        break;
      }
    }
    if (!matched && isErrorResponse(response.doc)) {
      const error = response.doc["Error"] as DocObject;
      const code = Object.prototype.hasOwnProperty.call(error, "Code") ? str(error["Code"]) : "Unknown";
      const message = Object.prototype.hasOwnProperty.call(error, "Message") ? str(error["Message"]) : "Unknown";
      throw new WaiterError(opts.name, `An error occurred (${code}): ${message}`);
    }
    if (state === "success") return;
    if (state === "failure") {
      throw new WaiterError(opts.name, `Waiter encountered a terminal failure state: ${stoppedAt?.explanation ?? ""}`);
    }
    if (attempts >= maxAttempts) {
      const reason = matchedAny ? `Max attempts exceeded. Previously accepted state: ${stoppedAt?.explanation ?? ""}` : "Max attempts exceeded";
      throw new WaiterError(opts.name, reason);
    }
    await opts.sleep(delay * 1000);
  }
}
