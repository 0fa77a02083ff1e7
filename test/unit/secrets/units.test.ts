// The scanner's small parts: account decoding, masking, entropy, globs,
// git-secrets pattern translation (checked against grep -E itself), the
// `git log -p` block reader, fingerprints and the report formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { accountIdFromKeyId } from "../../../src/secrets/account-id.ts";
import { maskSecret } from "../../../src/secrets/mask.ts";
import { shannonEntropy } from "../../../src/secrets/entropy.ts";
import { globToRegExp } from "../../../src/secrets/glob.ts";
import { customPatternRule, ereToJs, BUILTIN_RULES, GIT_SECRETS_AWS_PATTERNS } from "../../../src/secrets/rules.ts";
import { Detector } from "../../../src/secrets/detector.ts";
import { scanBuffer, scanLogBlock } from "../../../src/secrets/scan.ts";
import { fingerprintOf, type Finding } from "../../../src/secrets/finding.ts";
import { csvReport, jsonReport, sarifReport, textReport } from "../../../src/secrets/report.ts";
import { baselineDocument } from "../../../src/secrets/baseline.ts";
import { buildEstate, describeOwner, findKeyInVault } from "../../../src/secrets/estate.ts";
import { keyIdFor, randomSecret, rng } from "./helpers.ts";

test("account of a key ID: the published example and round trips", () => {
  // The example decoded in the write-ups of the key ID format.
  assert.equal(accountIdFromKeyId("ASIAY34FZKBOKMUTVV7A"), "609629065308");
  const r = rng(1);
  for (const acct of [1n, 123456789012n, 549755813887n, 42n]) {
    const id = keyIdFor(acct, r);
    assert.equal(accountIdFromKeyId(id), acct.toString().padStart(12, "0"), id);
  }
  // From 2^39 up the ID starts with I or J, like every key of the older format,
  // so the account cannot be told apart from noise and none is claimed.
  const high = keyIdFor(600000000000n, r);
  assert.match(high, /^AKIA[IJ]/);
  assert.equal(accountIdFromKeyId(high), undefined);
  // Old-format keys carry no account; neither do IDs outside the base32 alphabet.
  assert.equal(accountIdFromKeyId("AKIAIOSFODNN7EXAMPLE"), undefined);
  assert.equal(accountIdFromKeyId("AKIAJ000000000000000"), undefined);
  assert.equal(accountIdFromKeyId("AKIA0000000000000000"), undefined);
  assert.equal(accountIdFromKeyId("short"), undefined);
});

test("masking never shows the middle of a secret", () => {
  assert.equal(maskSecret("AKIAIOSFODNN7EXAMPLE"), "AKIA************MPLE");
  const s = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  const m = maskSecret(s);
  assert.equal(m, "wJal************EKEY");
  assert.ok(!m.includes("XUtnFEMI"));
  assert.equal(maskSecret("1234567"), "*******");
});

test("entropy separates keys from placeholders", () => {
  assert.equal(shannonEntropy("aaaa"), 0);
  assert.ok(shannonEntropy("AKIAXXXXXXXXXXXXXXXX") < 3);
  assert.ok(shannonEntropy(randomSecret(rng(3))) > 4);
});

test("globs: names at any depth, anchored paths, folders and **", () => {
  assert.ok(globToRegExp("*.lock").test("a/b/yarn.lock"));
  assert.ok(!globToRegExp("*.lock").test("a/lock.txt"));
  assert.ok(globToRegExp("test/fixtures/").test("test/fixtures/x/y.json"));
  assert.ok(!globToRegExp("test/fixtures/").test("src/test/fixtures/x"));
  assert.ok(globToRegExp("docs/**/*.md").test("docs/a/b/c.md"));
  assert.ok(globToRegExp("fixtures").test("a/fixtures/k.txt"));
});

function grepMatches(pattern: string, lines: string[]): boolean[] {
  return lines.map((l) => {
    try {
      execFileSync("grep", ["-nwHEI", pattern, "-"], { input: l + "\n", env: { LC_ALL: "C", PATH: process.env.PATH } });
      return true;
    } catch {
      return false;
    }
  });
}

test("git-secrets patterns translate to the same matches as grep -Ew", () => {
  const samples = [
    "aws_secret_access_key = 'abcdefghijABCDEFGHIJabcdefghij0123456789'",
    "key=abcdefghijABCDEFGHIJabcdefghij0123456789",
    "AWS_ACCOUNT_ID: 1234-5678-9012",
    "account = 123456789012",
    "id = AKIAY34FZKBOKMUTVV7A",
    "xAKIAY34FZKBOKMUTVV7A",
    "no secrets on this line",
    "password: [hunter2]",
    "password: hunter2",
  ];
  const patterns = [...GIT_SECRETS_AWS_PATTERNS].slice(0, 3).concat(["password:[[:space:]]+[[:alnum:]]+", "\\[hunter[0-9]\\]"]);
  for (const p of patterns) {
    const rule = customPatternRule(p, 0);
    const d = new Detector([rule]);
    const ours = samples.map((s) => {
      let hit = false;
      d.scan(s, () => (hit = true));
      return hit;
    });
    assert.deepEqual(ours, grepMatches(p, samples), `pattern ${p}`);
  }
  assert.equal(ereToJs("(a|b)[^x]\\s"), "(?:a|b)[^\\nx][ \\t\\r\\f\\v]");
  assert.equal(ereToJs("[]a]"), "[\\]a]");
});

test("history blocks: added lines only, with commit, path and line in the new file", () => {
  const id = keyIdFor(210987654321n, rng(5));
  const log = [
    "\x01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\x1fAda\x1f2024-01-02T03:04:05+00:00",
    "",
    "diff --git a/conf/app.ini b/conf/app.ini",
    "index 1..2 100644",
    "--- a/conf/app.ini",
    "+++ b/conf/app.ini",
    "@@ -3,0 +4,2 @@ header",
    "+first = 1",
    `+key_id = ${id}`,
    "@@ -10 +12 @@",
    `-old = ${id}`,
    "+new = 2",
    "\x01bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\x1fBo\x1f2024-02-02T03:04:05+00:00",
    "",
    "diff --git a/x.txt b/x.txt",
    "deleted file mode 100644",
    "--- a/x.txt",
    "+++ /dev/null",
    "@@ -1 +0,0 @@",
    `-gone ${id}`,
    "diff --git \"a/t\\303\\251st file.txt\" \"b/t\\303\\251st file.txt\"",
    "new file mode 100644",
    "--- /dev/null",
    "+++ \"b/t\\303\\251st file.txt\"",
    "@@ -0,0 +1 @@",
    `+${id}`,
    "",
  ].join("\n");
  const found: Finding[] = [];
  scanLogBlock(log, new Detector(BUILTIN_RULES), (f) => found.push(f));
  assert.deepEqual(
    found.map((f) => [f.commit?.slice(0, 1), f.path, f.line, f.column, f.author]),
    [
      ["a", "conf/app.ini", 5, 10, "Ada"],
      ["b", "tést file.txt", 1, 1, "Bo"],
    ],
  );
});

test("file scans: line and column of each finding; binary files skipped", () => {
  const id = keyIdFor(210987654321n, rng(6));
  const text = `one\ntwo\n  id=${id}\n`;
  const found: Finding[] = [];
  const d = new Detector(BUILTIN_RULES);
  assert.equal(scanBuffer(Buffer.from(text), "f", d, (f) => found.push(f)), true);
  assert.deepEqual([found[0]!.line, found[0]!.column], [3, 6]);
  const bin = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(text)]);
  assert.equal(scanBuffer(bin, "f", d, () => assert.fail("binary scanned")), false);
});

test("large files are scanned in pieces of whole lines, with the same findings as one pass over the whole text", () => {
  const r = rng(64);
  const d = new Detector([...BUILTIN_RULES, customPatternRule("ZZ-[0-9]{5}", 0)]);
  // The whole text in one pass: the reference.
  const whole = (text: string) => {
    const out: [string, number, number, string][] = [];
    d.scan(text, (m) => {
      const before = text.slice(0, m.index);
      const line = before.split("\n").length;
      const col = m.index - (before.lastIndexOf("\n") + 1) + 1;
      out.push([m.rule.id, line, col, m.secret]);
    });
    return out;
  };
  const filler = () => `const value${Math.floor(r() * 1e6)} = compute("${"x".repeat(Math.floor(r() * 120))}");`;
  const secrets = [
    () => `aws_access_key_id = ${keyIdFor(BigInt(100000000000 + Math.floor(r() * 1e9)), r)}`,
    () => `aws_secret_access_key = ${randomSecret(r)}`,
    // A bare key = ...: accepted only with an AWS key within 3 lines, which may sit across a piece edge.
    () => `key = ${randomSecret(r)}`,
    () => `arn:aws:iam::${String(300000000000 + Math.floor(r() * 1e9))}:role/x`,
    () => `ticket ZZ-${String(10000 + Math.floor(r() * 89999))}`,
    () => `token: "IQoJb3JpZ2luX2VjE${"A".repeat(150)}"`,
  ];
  for (const eol of ["\n", "\r\n"]) {
    const lines: string[] = [];
    let size = 0;
    while (size < 400_000) {
      // Secrets cluster near every 64 KiB mark, and one line is longer than a piece.
      const near = size % 65536 > 65536 - 1500 || size % 65536 < 1500;
      const l = near && r() < 0.5 ? secrets[Math.floor(r() * secrets.length)]!() : lines.length === 3000 ? "y".repeat(70_000) : filler();
      lines.push(l);
      size += l.length + eol.length;
    }
    const text = lines.join(eol) + eol;
    const found: [string, number, number, string][] = [];
    scanBuffer(Buffer.from(text, "latin1"), "big.txt", d, (f) => found.push([f.rule, f.line, f.column, f.secret]));
    const expected = whole(text);
    assert.ok(expected.length > 20, `${expected.length} findings`);
    assert.deepEqual(found, expected, eol === "\n" ? "LF" : "CRLF");
  }
});

test("fingerprints depend on rule, path and content only", () => {
  const a = fingerprintOf("aws-access-key-id", "a.txt", "AKIA1");
  assert.equal(a, fingerprintOf("aws-access-key-id", "a.txt", "AKIA1"));
  assert.notEqual(a, fingerprintOf("aws-access-key-id", "b.txt", "AKIA1"));
  assert.notEqual(a, fingerprintOf("aws-access-key-id", "a.txt", "AKIA2"));
});

function sample(): Finding[] {
  const s = randomSecret(rng(9));
  return [
    {
      rule: "aws-secret-access-key",
      description: "AWS secret access key",
      severity: "high",
      path: "dir/a, b.txt",
      line: 3,
      column: 7,
      secret: s,
      lineText: `secret_key = ${s}`,
      fingerprint: fingerprintOf("aws-secret-access-key", "dir/a, b.txt", s),
      commit: "c".repeat(40),
      author: 'Ann "A" Lee',
    },
  ];
}

test("reports: no format prints a secret in full", () => {
  const f = sample();
  for (const out of [textReport(f), jsonReport(f), sarifReport(f, "0.1.0"), csvReport(f), baselineDocument(f)]) {
    assert.ok(!out.includes(f[0]!.secret), out);
    assert.ok(out.includes(f[0]!.secret.slice(0, 4)));
  }
});

test("reports: SARIF 2.1.0 shape, CSV quoting, JSON fields", () => {
  const f = sample();
  const sarif = JSON.parse(sarifReport(f, "0.1.0"));
  assert.equal(sarif.version, "2.1.0");
  const res = sarif.runs[0].results[0];
  assert.equal(res.ruleId, "aws-secret-access-key");
  assert.equal(res.level, "error");
  assert.equal(sarif.runs[0].tool.driver.rules[res.ruleIndex].id, "aws-secret-access-key");
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, "dir/a%2C%20b.txt");
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 3, startColumn: 7 });
  assert.equal(res.partialFingerprints["kumoSecretHash/v1"], f[0]!.fingerprint);
  const csv = csvReport(f).split("\r\n");
  assert.equal(csv[0], "rule,severity,path,line,column,secret,commit,author,date,account,owner,verification,fingerprint");
  assert.match(csv[1]!, /^aws-secret-access-key,high,"dir\/a, b.txt",3,7,[^,]+,c{40},"Ann ""A"" Lee",,,,,[0-9a-f]{64}$/);
  const json = JSON.parse(jsonReport(f));
  assert.equal(json.findings[0].commit, "c".repeat(40));
  assert.equal(json.findings[0].line, 3);
});

test("estate: whose key, whose account; the vault hook answers nothing without a vault", async () => {
  const r = rng(11);
  const own = keyIdFor(210987654321n, r);
  const sameAccount = keyIdFor(210987654321n, r);
  const roleAccount = keyIdFor(333344445555n, r);
  const estate = buildEstate({
    profiles: {
      dev: { aws_access_key_id: own, aws_secret_access_key: "s".repeat(40) },
      ops: { role_arn: "arn:aws:iam::333344445555:role/ops", source_profile: "dev" },
    },
  });
  assert.equal(describeOwner(own, estate), 'key of profile "dev" in ~/.aws');
  assert.equal(describeOwner(sameAccount, estate), 'account of profile "dev"');
  assert.equal(describeOwner(roleAccount, estate), 'account of profile "ops"');
  assert.equal(describeOwner(keyIdFor(777700001111n, r), estate), undefined);
  assert.equal(describeOwner(sameAccount, estate, "entry work"), "stored in the kumo vault as entry work");
  assert.deepEqual(estate.secrets, ["s".repeat(40)]);
});

test("a found key is matched to the vault profile storing it, without the passphrase", async () => {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { openVault } = await import("../../../src/vault/open.ts");
  const { credentialsItem, encodeKeys, keyRef } = await import("../../../src/vault/items.ts");
  const home = mkdtempSync(join(tmpdir(), "kumo-secrets-vault-"));
  const r = rng(7);
  const stored = keyIdFor(111122223333n, r);
  const other = keyIdFor(111122223333n, r);
  const io = (env: Record<string, string>) => ({
    stdout: { write: () => {} },
    stderr: { write: () => {} },
    stdin: process.stdin,
    env: { KUMO_HOME: join(home, ".kumo"), KUMO_VAULT_BACKEND: "file", KUMO_VAULT_KDF: "N=1024,r=8,p=1", ...env },
    cwd: home,
    home,
    now: () => new Date(),
    sleep: async () => {},
  });
  try {
    assert.equal(await findKeyInVault(io({}), stored), undefined, "no vault yet");
    const writer = await openVault(io({ KUMO_VAULT_PASSPHRASE: "correct horse" }));
    await writer.update({ [credentialsItem("ci")]: { value: encodeKeys({ accessKeyId: stored, secretAccessKey: "s".repeat(40) }, new Date()), keyRef: keyRef(stored) } });
    // A reader without KUMO_VAULT_PASSPHRASE and without a terminal: it would fail if asked.
    assert.equal(await findKeyInVault(io({}), stored), "ci");
    assert.equal(await findKeyInVault(io({}), other), undefined);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
