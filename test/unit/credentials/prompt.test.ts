// The MFA prompt: hidden input on a terminal (prompt to the terminal, nothing
// echoed, a newline after), one line from stdin otherwise (prompt on stderr).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { promptSecret } from "../../../src/util/prompt.ts";
import { testSettings } from "./helpers.ts";

type FakeTty = PassThrough & { isTTY?: boolean; isRaw?: boolean; setRawMode?: (raw: boolean) => FakeTty; modes: boolean[] };

function fakeTty(): FakeTty {
  const s = new PassThrough() as FakeTty;
  s.isTTY = true;
  s.isRaw = false;
  s.modes = [];
  s.setRawMode = (raw: boolean) => {
    s.isRaw = raw;
    s.modes.push(raw);
    return s;
  };
  return s;
}

test("not a terminal: prompt on stderr, one line from stdin, the rest left unread", async () => {
  const stdin = new PassThrough();
  stdin.end("123456\nnext line\n");
  const { settings, stderr } = testSettings({ stdin });
  const code = await promptSecret(settings.io, "Enter MFA code for arn:aws:iam::123456789012:mfa/me: ");
  assert.equal(code, "123456");
  assert.equal(stderr(), "Enter MFA code for arn:aws:iam::123456789012:mfa/me: \n");
  const rest: Buffer[] = [];
  for await (const chunk of stdin) rest.push(chunk as Buffer);
  assert.equal(Buffer.concat(rest).toString(), "next line\n");
});

test("not a terminal: a last line without a newline counts; nothing at all is an empty error", async () => {
  const stdin = new PassThrough();
  stdin.end("654321");
  assert.equal(await promptSecret(testSettings({ stdin }).settings.io, "code: "), "654321");
  const empty = new PassThrough();
  empty.end();
  await assert.rejects(promptSecret(testSettings({ stdin: empty }).settings.io, "code: "), (e: Error & { exitCode?: number }) => {
    assert.equal(e.message, "");
    assert.equal(e.exitCode, 255);
    return true;
  });
});

test("terminal: prompt to the terminal, raw mode while typing, no echo, editing keys", async () => {
  const tty = fakeTty();
  const { settings, stderr } = testSettings({ stdin: tty });
  const shown: string[] = [];
  const answer = promptSecret(settings.io, "Enter MFA code for mfa: ", { terminal: { write: (t) => void shown.push(t) } });
  tty.write("12x\u007f3");
  tty.write("4\r");
  assert.equal(await answer, "1234");
  assert.deepEqual(shown, ["Enter MFA code for mfa: ", "\n"]);
  assert.deepEqual(tty.modes, [true, false]);
  assert.equal(stderr(), "");
});

test("terminal: Ctrl-U clears, Ctrl-D on an empty line is end of input, Ctrl-C interrupts", async () => {
  const tty = fakeTty();
  const io = testSettings({ stdin: tty }).settings.io;
  const quiet = { write: () => {} };
  const cleared = promptSecret(io, "p: ", { terminal: quiet });
  tty.write("999\u0015111\n");
  assert.equal(await cleared, "111");
  const eof = promptSecret(io, "p: ", { terminal: quiet });
  tty.write("\u0004");
  await assert.rejects(eof, { message: "" });
  let interrupted = 0;
  const ctrlC = promptSecret(io, "p: ", { terminal: quiet, onInterrupt: () => void interrupted++ });
  tty.write("12\u0003");
  await assert.rejects(ctrlC);
  assert.equal(interrupted, 1);
  assert.equal(tty.isRaw, false);
});
