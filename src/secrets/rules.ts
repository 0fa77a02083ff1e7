// The detection rules. Each rule is a regular-expression source with exactly
// one capturing group (the secret); all rules are joined into one regular
// expression and run in a single pass (see detector.ts). Every rule starts
// with a literal or a short literal set (AKIA…, key, token, arn:), which
// lets the regular-expression engine skip quickly through ordinary text;
// context that would need a look-behind is checked in `accept` instead, only
// for the few places that match.
import { shannonEntropy } from "./entropy.ts";

export type Severity = "high" | "medium" | "low";

/** What a rule's acceptance check sees. */
export interface MatchContext {
  /** The whole text being scanned (a file, or a block of `git log -p` output). */
  text: string;
  /** Offsets of the whole match and of the secret within `text`. */
  start: number;
  end: number;
  secret: string;
}

export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  /** Regex source: one capturing group (the secret), all other groups `(?:…)`. No newline may be matched. */
  source: string;
  /** Characters that may not touch the match on either side (a word boundary of sorts). */
  boundary?: "word" | "base64" | "digit";
  /** Shannon entropy (bits/char) the secret must reach. */
  minEntropy?: number;
  /** Further checks on context; false drops the match. */
  accept?: (m: MatchContext) => boolean;
  /** The secret is an access key ID whose account can be decoded. */
  keyId?: boolean;
}

/** Prefixes of AWS access key IDs (secrets' public halves). */
export const ACCESS_KEY_PREFIXES = ["AKIA", "ASIA", "ABIA", "ACCA"] as const;
/** Prefixes of other AWS unique identifiers: groups, users, instance profiles, policies, roles, public keys, certificates. */
export const UNIQUE_ID_PREFIXES = ["AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "AROA", "APKA", "ASCA"] as const;

/** Account numbers used in AWS documentation and examples. */
export const EXAMPLE_ACCOUNTS = new Set([
  "123456789012",
  "111122223333",
  "444455556666",
  "555555555555",
  "777788889999",
  "000000000000",
  "999999999999",
  "012345678901",
  "210987654321",
]);

const WORDISH = /[A-Za-z0-9_]/;
const BASE64ISH = /[A-Za-z0-9/+=]/;

/** The up-to-n characters before `pos` on the same line. */
export function textBefore(text: string, pos: number, n: number): string {
  const from = Math.max(0, pos - n);
  const s = text.slice(from, pos);
  const nl = s.lastIndexOf("\n");
  return nl >= 0 ? s.slice(nl + 1) : s;
}

/** The lines around `pos` (n lines each side). */
function nearbyLines(text: string, pos: number, n: number): string {
  let a = pos;
  for (let i = 0; i <= n && a > 0; i++) {
    const p = text.lastIndexOf("\n", a - 1);
    a = p < 0 ? 0 : p;
  }
  let b = pos;
  for (let i = 0; i <= n && b >= 0 && b < text.length; i++) {
    const p = text.indexOf("\n", b + 1);
    b = p < 0 ? text.length : p;
  }
  return text.slice(a, b);
}

const HEX40 = /^(?:[0-9a-f]{40}|[0-9A-F]{40})$/;
const KEY_ID_ANYWHERE = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/;

/** `…secret_access_key = <40 chars>`: the keyword before "key" must name an AWS secret, or an AWS key must be close by. */
function acceptSecretKey(m: MatchContext): boolean {
  if (HEX40.test(m.secret)) return false; // a SHA-1, not a key
  if (/[a-z]/.test(m.secret) === false || /[A-Z]/.test(m.secret) === false) return false;
  const before = textBefore(m.text, m.start, 40);
  if (/secret[_-]?(?:access[_-]?)?$/i.test(before)) return true;
  if (/aws[_-]?(?:access[_-]?)?$/i.test(before)) return true;
  // A bare `key = …`: only when the neighbourhood is plainly about AWS keys.
  const near = nearbyLines(m.text, m.start, 3);
  return KEY_ID_ANYWHERE.test(near) || /aws_?(?:secret|access)/i.test(near);
}

function acceptSessionTokenKeyword(m: MatchContext): boolean {
  return /(?:session|security)[_-]?$/i.test(textBefore(m.text, m.start, 40));
}

function acceptAccountAssignment(m: MatchContext): boolean {
  return !EXAMPLE_ACCOUNTS.has(m.secret.replace(/-/g, ""));
}

const ASSIGN = `["']?[ \\t]*(?::=|=>|:|=)[ \\t]*["']?`;

/** kumo's built-in rules, a superset of what `git secrets --register-aws` registers. */
export const BUILTIN_RULES: readonly Rule[] = [
  {
    id: "aws-access-key-id",
    description: "AWS access key ID",
    severity: "high",
    source: `((?:A3T[A-Z0-9]|${ACCESS_KEY_PREFIXES.join("|")})[A-Z0-9]{16})`,
    boundary: "word",
    minEntropy: 3.0,
    keyId: true,
  },
  {
    id: "aws-unique-id",
    description: "AWS unique identifier (user, role, group, policy, instance profile, certificate or public key ID)",
    severity: "low",
    source: `((?:${UNIQUE_ID_PREFIXES.join("|")})[A-Z0-9]{16})`,
    boundary: "word",
    minEntropy: 3.0,
  },
  {
    id: "aws-secret-access-key",
    description: "AWS secret access key",
    severity: "high",
    source: `(?:KEY|[Kk]ey)${ASSIGN}([A-Za-z0-9/+]{40})`,
    boundary: "base64",
    minEntropy: 4.0,
    accept: acceptSecretKey,
  },
  {
    id: "aws-session-token",
    description: "AWS session token",
    severity: "high",
    source: `((?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+]{100,}={0,3})`,
    boundary: "base64",
    minEntropy: 4.0,
  },
  {
    id: "aws-session-token",
    description: "AWS session token",
    severity: "high",
    source: `(?:TOKEN|[Tt]oken)${ASSIGN}([A-Za-z0-9/+]{100,}={0,3})`,
    boundary: "base64",
    minEntropy: 4.0,
    accept: acceptSessionTokenKeyword,
  },
  {
    id: "aws-bedrock-api-key",
    description: "Amazon Bedrock API key",
    severity: "high",
    source: `(ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%]*)`,
    boundary: "base64",
  },
  {
    id: "aws-account-id",
    description: "AWS account ID assigned to an account setting",
    severity: "low",
    source: `(?:ACCOUNT|[Aa]ccount)_?(?:ID|[Ii]d)?${ASSIGN}([0-9]{4}-?[0-9]{4}-?[0-9]{4})`,
    boundary: "digit",
    accept: acceptAccountAssignment,
  },
  {
    id: "aws-account-id-in-arn",
    description: "AWS account ID in an ARN",
    severity: "low",
    source: `arn:aws(?:-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:([0-9]{12}):`,
    accept: (m) => !EXAMPLE_ACCOUNTS.has(m.secret),
  },
];

/**
 * The patterns `git secrets --register-aws` writes to `secrets.patterns`, in
 * the versions released so far. kumo's built-in rules cover them, so a
 * repository configured by git-secrets is not scanned twice for them.
 */
export const GIT_SECRETS_AWS_PATTERNS = new Set([
  "(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}",
  `("|')?(AWS|aws|Aws)?_?(SECRET|secret|Secret)?_?(ACCESS|access|Access)?_?(KEY|key|Key)("|')?\\s*(:|=>|=)\\s*("|')?[A-Za-z0-9/\\+=]{40}("|')?`,
  `("|')?(AWS|aws|Aws)?_?(ACCOUNT|account|Account)_?(ID|id|Id)?("|')?\\s*(:|=>|=)\\s*("|')?[0-9]{4}\\-?[0-9]{4}\\-?[0-9]{4}("|')?`,
  "ABSK[A-Za-z0-9+/]{109,}=*",
  "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t",
]);

/** The allowed patterns `git secrets --register-aws` writes to `secrets.allowed`. */
export const GIT_SECRETS_AWS_ALLOWED = ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"];

/** Whether a candidate passes its rule's entropy gate. */
export function passesEntropy(rule: Rule, secret: string): boolean {
  return rule.minEntropy === undefined || shannonEntropy(secret) >= rule.minEntropy;
}

/** Whether the characters around [start, end) respect the rule's boundary. */
export function respectsBoundary(rule: Rule, text: string, start: number, end: number): boolean {
  if (!rule.boundary) return true;
  const cls = rule.boundary === "word" ? WORDISH : rule.boundary === "base64" ? BASE64ISH : /[0-9]/;
  const before = start > 0 ? text[start - 1]! : "";
  const after = end < text.length ? text[end]! : "";
  if (rule.boundary === "base64") {
    // Only the far end matters for a secret after `=`; the start is a keyword or a literal prefix.
    return !(after && cls.test(after));
  }
  return !(before && cls.test(before)) && !(after && cls.test(after));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A rule that finds these exact values anywhere (the user's own secrets, or a provider's output). */
export function literalRule(id: string, description: string, values: readonly string[]): Rule | undefined {
  const vs = [...new Set(values.filter((v) => v.length >= 8))].sort((a, b) => b.length - a.length);
  if (vs.length === 0) return undefined;
  return { id, description, severity: "high", source: `(${vs.map(escapeRegExp).join("|")})` };
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: "A-Za-z",
  digit: "0-9",
  alnum: "A-Za-z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\r\\f\\v",
  blank: " \\t",
  xdigit: "0-9A-Fa-f",
  punct: "!-\\/:-@\\[-`{-~",
  word: "A-Za-z0-9_",
};

/**
 * A POSIX extended regular expression (as git-secrets hands to `grep -E`)
 * as a JavaScript regex source that matches within one line and captures
 * nothing: groups become non-capturing, `\s` and negated classes never
 * cross a newline, `[[:alpha:]]`-style classes are spelled out.
 */
export function ereToJs(ere: string): string {
  let out = "";
  let i = 0;
  while (i < ere.length) {
    const c = ere[i]!;
    if (c === "\\") {
      const n = ere[i + 1] ?? "";
      if (n === "s") out += "[ \\t\\r\\f\\v]";
      else if (n === "S") out += "[^\\s]";
      else if (n === "<" || n === ">") out += "\\b";
      else out += c + n;
      i += 2;
      continue;
    }
    if (c === "(") {
      out += ere[i + 1] === "?" ? "(" : "(?:";
      i++;
      continue;
    }
    if (c === "/") {
      out += "\\/";
      i++;
      continue;
    }
    if (c === "[") {
      // Bracket expression: backslash is literal inside, `]` first is literal.
      let j = i + 1;
      let cls = "[";
      if (ere[j] === "^") {
        cls += "^\\n";
        j++;
      }
      if (ere[j] === "]") {
        cls += "\\]";
        j++;
      }
      while (j < ere.length && ere[j] !== "]") {
        if (ere[j] === "[" && ere[j + 1] === ":") {
          const end = ere.indexOf(":]", j + 2);
          if (end > 0) {
            const name = ere.slice(j + 2, end);
            cls += POSIX_CLASSES[name] ?? "";
            j = end + 2;
            continue;
          }
        }
        const ch = ere[j]!;
        cls += ch === "\\" ? "\\\\" : ch === "[" ? "\\[" : ch;
        j++;
      }
      out += cls + "]";
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** A rule for one of the user's own git-secrets patterns (matched as `grep -w` would, within one line). */
export function customPatternRule(pattern: string, index: number): Rule {
  return {
    id: "git-secrets-pattern",
    description: `Prohibited pattern ${index + 1} from git config secrets.patterns: ${pattern}`,
    severity: "medium",
    source: `(${ereToJs(pattern)})`,
    boundary: "word",
  };
}

/**
 * A rule as data, to hand to a worker thread: built-in rules by their
 * position (their `accept` checks are code), other rules as they are (they
 * are plain data: literal values and the user's patterns).
 */
export type RuleSpec = { builtin: number } | { rule: Omit<Rule, "accept"> };

/** The specs of `rules`, or undefined when one of them carries code that cannot be handed over. */
export function toRuleSpecs(rules: readonly Rule[]): RuleSpec[] | undefined {
  const out: RuleSpec[] = [];
  for (const r of rules) {
    const i = BUILTIN_RULES.indexOf(r);
    if (i >= 0) out.push({ builtin: i });
    else if (r.accept) return undefined;
    else out.push({ rule: { ...r } });
  }
  return out;
}

export function fromRuleSpecs(specs: readonly RuleSpec[]): Rule[] {
  return specs.map((s) => ("builtin" in s ? BUILTIN_RULES[s.builtin]! : s.rule));
}
