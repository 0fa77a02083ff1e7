import { test } from "node:test";
import assert from "node:assert/strict";
import { runWaiter, WaiterError, pyEquals, type WaiterOptions } from "../../../src/paginate/waiter.ts";
import { waiterFor, type WaiterAcceptor, type WaiterConfig } from "../../../src/paginate/config.ts";
import { GeneralError, ServiceError } from "../../../src/errors/index.ts";
import type { DocObject } from "../../../src/output/document.ts";

type Step = DocObject | ServiceError | Error;

/** Runs a waiter against scripted responses; records requests and sleeps. */
async function run(config: WaiterConfig, steps: Step[], extra: Partial<WaiterOptions> = {}) {
  const calls: Record<string, unknown>[] = [];
  const sleeps: number[] = [];
  const call = async (input: Record<string, unknown>): Promise<DocObject> => {
    calls.push({ ...input });
    const step = steps[Math.min(calls.length, steps.length) - 1] as Step;
    if (step instanceof Error) throw step;
    return step;
  };
  let error: unknown;
  try {
    await runWaiter({
      name: "Thing",
      config,
      call,
      input: { Id: "x" },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...extra,
    });
  } catch (e) {
    error = e;
  }
  return { calls, sleeps, error };
}

function waiter(acceptors: WaiterAcceptor[], delay = 5, maxAttempts = 3): WaiterConfig {
  return { operation: "DescribeThing", delay, maxAttempts, acceptors };
}

function serviceError(code: string, message: string, statusCode = 400): ServiceError {
  return new ServiceError({ code, operation: "DescribeThing", message, statusCode });
}

function failedWith(result: { error: unknown }, message: string): void {
  assert.ok(result.error instanceof WaiterError, `expected a WaiterError, got ${String(result.error)}`);
  assert.ok(result.error instanceof GeneralError);
  assert.equal(result.error.exitCode, 255);
  assert.equal(result.error.message, message);
}

const state = (s: string): DocObject => ({ Things: [{ State: s }] });

test("success on the first attempt: one call, no sleep", async () => {
  const r = await run(waiter([{ state: "success", matcher: "path", argument: "Things[0].State", expected: "ready" }]), [state("ready")]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.calls, [{ Id: "x" }]);
  assert.deepEqual(r.sleeps, []);
});

test("no match keeps polling every `delay` seconds with the same input", async () => {
  const r = await run(waiter([{ state: "success", matcher: "path", argument: "Things[0].State", expected: "ready" }], 15, 10), [
    state("pending"),
    state("pending"),
    state("ready"),
  ]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.calls, [{ Id: "x" }, { Id: "x" }, { Id: "x" }]);
  assert.deepEqual(r.sleeps, [15000, 15000]);
});

test("delay and maxAttempts can be overridden", async () => {
  const r = await run(waiter([{ state: "success", matcher: "path", argument: "Things[0].State", expected: "ready" }]), [state("pending")], {
    delay: 2,
    maxAttempts: 4,
  });
  assert.deepEqual(r.sleeps, [2000, 2000, 2000]);
  failedWith(r, "Waiter Thing failed: Max attempts exceeded");
});

test("failure states, with each matcher's explanation", async () => {
  const cases: [WaiterAcceptor, Step, string][] = [
    [
      { state: "failure", matcher: "path", argument: "Things[0].State", expected: "failed" },
      state("failed"),
      'Waiter Thing failed: Waiter encountered a terminal failure state: For expression "Things[0].State" we matched expected path: "failed"',
    ],
    [
      { state: "failure", matcher: "pathAll", argument: "Things[].State", expected: "gone" },
      { Things: [{ State: "gone" }, { State: "gone" }] },
      'Waiter Thing failed: Waiter encountered a terminal failure state: For expression "Things[].State" all members matched excepted path: "gone"',
    ],
    [
      { state: "failure", matcher: "pathAny", argument: "Things[].State", expected: "failed" },
      { Things: [{ State: "ok" }, { State: "failed" }] },
      'Waiter Thing failed: Waiter encountered a terminal failure state: For expression "Things[].State" we matched expected path: "failed" at least once',
    ],
    [
      { state: "failure", matcher: "status", expected: 404 },
      serviceError("NotFound", "Not Found", 404),
      "Waiter Thing failed: Waiter encountered a terminal failure state: Matched expected HTTP status code: 404",
    ],
    [
      { state: "failure", matcher: "error", expected: "AccessDenied" },
      serviceError("AccessDenied", "no"),
      "Waiter Thing failed: Waiter encountered a terminal failure state: Matched expected service error code: AccessDenied",
    ],
    [
      { state: "failure", matcher: "path", argument: "length(Things) > `0`", expected: true },
      state("x"),
      'Waiter Thing failed: Waiter encountered a terminal failure state: For expression "length(Things) > `0`" we matched expected path: "True"',
    ],
  ];
  for (const [acceptor, step, message] of cases) {
    const r = await run(waiter([acceptor]), [step]);
    failedWith(r, message);
    assert.equal(r.calls.length, 1, message);
    assert.deepEqual(r.sleeps, []);
  }
});

test("acceptors are tried in order; the first match decides", async () => {
  const r = await run(
    waiter([
      { state: "success", matcher: "pathAny", argument: "Things[].State", expected: "ready" },
      { state: "failure", matcher: "pathAny", argument: "Things[].State", expected: "failed" },
    ]),
    [{ Things: [{ State: "failed" }, { State: "ready" }] }],
  );
  assert.equal(r.error, undefined);
});

test("pathAll and pathAny never match an empty list or a non-list", async () => {
  const acceptors: WaiterAcceptor[] = [
    { state: "success", matcher: "pathAll", argument: "Things[].State", expected: "ready" },
    { state: "success", matcher: "pathAny", argument: "Things[0].State", expected: "ready" },
  ];
  const r = await run(waiter(acceptors, 1, 2), [{ Things: [] }, state("ready")]);
  // Attempt 1: empty list. Attempt 2: pathAll matches [ready].
  assert.equal(r.error, undefined);
  assert.equal(r.calls.length, 2);
  const never = await run(waiter([acceptors[1] as WaiterAcceptor], 1, 2), [state("ready")]);
  failedWith(never, "Waiter Thing failed: Max attempts exceeded");
});

test("max attempts: plain, and after a retry match (recorded: aws iam wait user-exists --user-name nobody)", async () => {
  const config = waiterFor("iam", "UserExists");
  assert.ok(config);
  const r = await run(config, [serviceError("NoSuchEntity", "The user with name nobody cannot be found.", 404)], { name: "UserExists" });
  failedWith(r, "Waiter UserExists failed: Max attempts exceeded. Previously accepted state: Matched expected service error code: NoSuchEntity");
  assert.equal(r.calls.length, 20);
  assert.deepEqual(r.sleeps, Array(19).fill(1000));
});

test("after an earlier match, the explanation is that of the acceptor the last attempt stopped at", async () => {
  // botocore reports its loop variable: with no match in the last attempt, the last acceptor.
  const r = await run(
    waiter(
      [
        { state: "retry", matcher: "path", argument: "Things[0].State", expected: "pending" },
        { state: "success", matcher: "path", argument: "Things[0].State", expected: "ready" },
      ],
      1,
      2,
    ),
    [state("pending"), state("other")],
  );
  failedWith(r, 'Waiter Thing failed: Max attempts exceeded. Previously accepted state: For expression "Things[0].State" we matched expected path: "ready"');
});

test("error matcher: retry on a code, then success", async () => {
  const r = await run(
    waiter([
      { state: "success", matcher: "path", argument: "Things[0].State", expected: "ready" },
      { state: "retry", matcher: "error", expected: "NotFound" },
    ]),
    [serviceError("NotFound", "missing"), state("ready")],
  );
  assert.equal(r.error, undefined);
  assert.deepEqual(r.sleeps, [5000]);
});

test("an error no acceptor matches ends the wait (recorded: aws lambda wait function-active --function-name nope)", async () => {
  const config = waiterFor("lambda", "FunctionActive");
  assert.ok(config);
  const r = await run(
    config,
    [serviceError("ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope", 404)],
    { name: "FunctionActive" },
  );
  failedWith(
    r,
    "Waiter FunctionActive failed: An error occurred (ResourceNotFoundException): Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope",
  );
  assert.equal(r.calls.length, 1);
});

test("a successful response carrying Error.Code is treated as an error", async () => {
  const r = await run(waiter([{ state: "success", matcher: "path", argument: "Error.Code", expected: "X" }]), [
    { Error: { Code: "X", Message: "m" } },
  ]);
  failedWith(r, "Waiter Thing failed: An error occurred (X): m");
});

test("status matcher: 200 for a successful call, the error's status otherwise", async () => {
  const acceptors: WaiterAcceptor[] = [
    { state: "success", matcher: "status", expected: 200 },
    { state: "retry", matcher: "status", expected: 404 },
  ];
  const r = await run(waiter(acceptors), [serviceError("NotFound", "Not Found", 404), {}]);
  assert.equal(r.error, undefined);
  assert.equal(r.calls.length, 2);
  // A status recorded in the document wins over the default.
  const r2 = await run(waiter(acceptors, 1, 1), [{ ResponseMetadata: { HTTPStatusCode: 204 } }]);
  failedWith(r2, "Waiter Thing failed: Max attempts exceeded");
});

test("error matcher with true / false: any error / no error", async () => {
  const noError = await run(waiter([{ state: "success", matcher: "error", expected: false }, { state: "retry", matcher: "error", expected: "Busy" }]), [
    serviceError("Busy", "wait"),
    {},
  ]);
  assert.equal(noError.error, undefined);
  assert.equal(noError.calls.length, 2);
  const anyError = await run(waiter([{ state: "failure", matcher: "error", expected: true }]), [serviceError("Whatever", "m")]);
  failedWith(anyError, "Waiter Thing failed: Waiter encountered a terminal failure state: Matched expected service error code: True");
});

test("errors other than service errors propagate unchanged", async () => {
  const boom = new Error("connect ECONNREFUSED");
  const r = await run(waiter([{ state: "retry", matcher: "error", expected: "X" }]), [boom]);
  assert.equal(r.error, boom);
});

test("an unknown matcher fails before any call", async () => {
  const r = await run(waiter([{ state: "success", matcher: "weird" as WaiterAcceptor["matcher"], expected: 1 }]), [{}]);
  assert.ok(r.error instanceof GeneralError);
  assert.equal(r.error.message, "Waiter config error: Unknown acceptor: weird");
  assert.equal(r.calls.length, 0);
});

test("ec2 instance-running with a terminated instance (message from awscli-v2-behaviour.md, verified there)", async () => {
  const config = waiterFor("ec2", "InstanceRunning");
  assert.ok(config);
  const r = await run(config, [{ Reservations: [{ Instances: [{ State: { Name: "terminated" } }] }] }], { name: "InstanceRunning" });
  failedWith(
    r,
    'Waiter InstanceRunning failed: Waiter encountered a terminal failure state: For expression "Reservations[].Instances[].State.Name" we matched expected path: "terminated" at least once',
  );
});

test("pyEquals compares like Python", () => {
  assert.equal(pyEquals(1, true), true);
  assert.equal(pyEquals(0, false), true);
  assert.equal(pyEquals(1, 1.0), true);
  assert.equal(pyEquals("1", 1), false);
  assert.equal(pyEquals(null, false), false);
  assert.equal(pyEquals([1, "a"], [true, "a"]), true);
  assert.equal(pyEquals({ a: [1] }, { a: [1] }), true);
  assert.equal(pyEquals({ a: 1 }, { a: 1, b: 2 }), false);
});
