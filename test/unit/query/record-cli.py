#!/usr/bin/env python3
"""Records how the AWS CLI answers --query expressions, for cli-recorded.test.ts.

Each expression runs as `aws sts get-caller-identity --query <expr> --output
json` against a moto server started here on 127.0.0.1; the exit code, the JSON
result (compacted, floats kept as Python prints them) or the error text goes
to cli-recorded.json next to this file. Data for an expression comes from a
JMESPath literal piped into it, or from the caller identity itself.

usage: python3 test/unit/query/record-cli.py [path to aws, default /usr/bin/aws]
"""
import json
import os
from concurrent.futures import ThreadPoolExecutor
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cli-recorded.json")

EXPRESSIONS = [
    # --- lexer errors
    "",
    "a +b",
    "a - b",
    "foo.-",
    "= b",
    "a = b",
    "a =",
    "$",
    "$foo",
    "a ? b : c",
    "a % b",
    "a / b",
    "a // b",
    "a \u00d7 b",
    "abc ^",
    "a #",
    "a \U0001f600",
    "`foo",
    "'abc",
    '"abc',
    '"abc\\',
    '"\\q"',
    '"\\u00"',
    '"a\tb"',
    '`a"b`',
    "let $x = Account in $x",
    # --- parse errors
    " ",
    "foo[",
    "foo]",
    "foo\n]",
    "[1-2]",
    "foo[*",
    "foo.[",
    "foo.1",
    "foo.",
    "foo[0:",
    "a*b",
    "[a b]",
    "[ ]",
    '"f"(a)',
    "@(a)",
    "foo[0](a)",
    "foo{",
    "foo !",
    "[1:2:3:4]",
    "[1 2]",
    "a b",
    'foo `[1, true, null, "x", 2.0]`',
    'foo "a b"',
    "foo 'x'",
    "{1: a}",
    "{a: b]",
    "{a: b,}",
    "a[?b",
    "a[?]",
    "[*",
    "foo[[",
    "{a",
    "{a:",
    "a.b(",
    "f(",
    "(a",
    "[a,",
    "a[1",
    "a ||",
    "!",
    "&",
    "a.*.",
    "a[]]",
    "@@",
    "a.`1`",
    "a == ",
    "a.{}",
    "1",
    "a.\"b\"(c)",
    "a[1.5]",
    "\"\U0001f600\" ]",
    "\"\U0001f600\"[",
    "foo[?a==`1`",
    # --- errors while evaluating
    "abs(Account)",
    "abs(`true`)",
    "abs(&Account)",
    "sum(`[\"a\"]`)",
    "sum(`[1, 2.0, null]`)",
    "max(`[true]`)",
    "max(`[1, \"a\"]`)",
    "sort(`[\"a\", 1]`)",
    "length(`1`, `2`)",
    "length(`null`)",
    "not_null()",
    "merge()",
    "keys(`[]`)",
    "avg(`[\"a\"]`)",
    "join(`1`, `[]`)",
    "join(`\",\"`, `[1]`)",
    "starts_with(`1`, `\"a\"`)",
    "map(`1`, `[]`)",
    "map(&a, `1`)",
    "sort_by(`[{\"a\":[1]}]`, &a)",
    "sort_by(`[{\"a\":1},{\"a\":\"b\"}]`, &a)",
    "sort_by(`[1]`, @)",
    "max_by(`[{\"a\":[1]}]`, &a)",
    "min_by(`[{\"a\":1},{\"a\":\"b\"}]`, &a)",
    "max_by(`[{\"a\":1},{\"a\":\"b\"}]`, &a)",
    "`1` < `\"a\"`",
    "`1.5` >= `\"a\"`",
    "abs(`{\"x\": [1, 2.0, \"it's\", null, true]}`)",
    "abs(`\"caf\\u00e9\\n\"`)",
    "abs(`[1e16, 0.0001, 0.00001, -0.0, 1.5, 100000000000000000000]`)",
    "abs(`[\"a'b\\\"c\", \"\\\\\", \"\\u0001\\u007f\\u00a0\"]`)",
    "foo(`1`)",
    "merge(`{}`, `1`)",
    "merge(`{}`, `\"ab\"`)",
    "merge(`{}`, `[1]`)",
    "merge(`{}`, `[[1, 2, 3]]`)",
    "merge(`{}`, `null`)",
    "contains('abc', `1`)",
    "contains('abc', `null`)",
    "&Account",
    "`[1,2]`[::0]",
    "ceil(`1e400`)",
    "missing.length(@)",
    # --- results
    "@",
    "Account",
    "`1`[::0]",
    "to_string(`[1.0, \"\u00e9\", {\"a\": null}, \"\\u007f\"]`)",
    "to_string(`{\"a\":1e16,\"b\":-0.0,\"c\":0.0001,\"d\":1e-5,\"e\":1234567890123456}`)",
    "to_number('1e3')",
    "to_number(' 12 ')",
    "to_number('1_000')",
    "to_number('1__0')",
    "to_number('\u0661\u0662')",
    "to_number('0x10')",
    "to_number('-0')",
    "to_number('.5')",
    "to_number('5.')",
    "[to_number('2.0'), to_number('-inf')]",
    "contains(`[1]`, `true`)",
    "contains(`[[1, {\"a\": 1.0}]]`, `[1, {\"a\": 1}]`)",
    "`[1]` == `[true]`",
    "`1` == `true`",
    "`0` == `false`",
    "`1` == `1.0`",
    "`{\"a\": 1, \"b\": 2}` == `{\"b\": 2, \"a\": 1}`",
    "!`0`",
    "!`0.0`",
    "!`\"\"`",
    "`{\"a\": 1.0}`",
    "`[1.0, 2]`[]",
    "`{\"a\":{\"b\":1.0},\"c\":[1.0,2.5]}`.*",
    "max(`[1.0, 2.0]`)",
    "max(`[2, 2.0]`)",
    "min(`[2.0, 2]`)",
    "sum(`[1, 2.0]`)",
    "sum(`[]`)",
    "sum(`[0.1, 0.2, 0.3]`)",
    "avg(`[1, 3]`)",
    "avg(`[]`)",
    "ceil(`1.5`)",
    "floor(`-1.5`)",
    "[abs(`-5.0`), abs(`-5`), abs(`-0.0`)]",
    "'a\\'b\\\\c'",
    "`\"a\\`b\\`c\"`",
    "` true `",
    "`foo bar`",
    "`  foo`",
    "``",
    "`1 `",
    "`[1, 2`",
    "`NaN`",
    "length('\U0001f600')",
    "reverse('ab\U0001f600')",
    "sort(`[10, 9, 100, 1.0, 2.5]`)",
    "sort(`[\"b\", \"B\", \"a\", \"\u00e9\", \"\U0001f600\", \"\\uffff\"]`)",
    "max(`[\"a\", \"B\"]`)",
    "min(`[\"\\uffff\", \"\U0001f600\"]`)",
    "max_by(`[{\"k\":\"a\"},{\"k\":\"b\"},{\"k\":\"b\", \"x\": 1}]`, &k)",
    "min_by(`[{\"k\":2},{\"k\":1},{\"k\":1, \"x\": 1}]`, &k)",
    "sort_by(`[{\"a\":2},{\"a\":1.0},{\"a\":1}]`, &a)",
    "sort_by(`[{\"a\":\"b\"},{\"a\":\"a\"}]`, &a)[].a",
    "'abc'[0:1]",
    "`[0,1,2,3,4]`[::-2]",
    "`[0,1,2,3,4]`[10:-10:-1]",
    "`[0,1,2,3,4]`[-10:10:-1]",
    "`[0,1,2,3,4]`[1:2 3]",
    "`[1,2,3]`[-4]",
    "`[[{\"a\":1},{\"a\":2}]]`[0][0:2].a",
    "`[[{\"a\":1},{\"a\":2}]]`[0:1][0].a",
    "Account.constructor",
    "toString",
    "`{}`.hasOwnProperty",
    "__proto__",
    "{__proto__: Account}",
    "merge(`{}`, `[[\"a\", 1]]`, `[\"bc\"]`)",
    "values(`{\"a\": 1.0, \"b\": 2}`)",
    "reverse(`[1.0, 2]`)",
    "[to_array(`1.0`)]",
    "not_null(`null`, `2.0`)",
    "{x: abs(`-2.0`), y: floor(`2.5`), z: to_number('3.0')}",
    "`null` | [a]",
    "`null` | {a: a}",
    "`1` | [a]",
    "a.[b]",
    "type(`1.0`)",
    "type(&a)",
    "`[1, 2, 3]`[?@ > `1`]",
    "`[\"a\", \"b\"]`[?@ < 'b']",
    "`[1, \"a\", null, true]`[?@ < `2`]",
    "length(`{\"a\":1,\"b\":2}`)",
    "join('-', `[\"a\",\"b\"]`)",
    "map(&a, `[{\"a\":1.0},{\"b\":2}]`)",
    "`[[1,2],[3,[4]]]`[]",
    "ends_with(Arn, 'moto')",
    "`[{\"a\":1},{\"a\":2}]`[*].a",
    "Account || UserId",
    "`0` && `1`",
    "[`\"\"` || `[]` || `{}`]",
    "{\"a b\": Account}",
    "{a: Account, a: UserId}",
    "length(@,)",
    "{a: Account c: UserId}",
    "`{\"a\": [1.0, {\"b\": 2.0}]}`.a[1].b",
    "`[{\"v\": 1.0}, {\"v\": 2}]`[].v",
    "`[{\"v\": 1.0}, {\"v\": 2}]`[?v == `1`].v",
    "`{\"a\": 1.0, \"b\": 2}`.*",
    "`a\\nb`",
    "`[{\"b\":1},{\"b\":2}]`[*].b | [0]",
    "`[{\"a\":1,\"b\":true},{\"a\":2,\"b\":false}]`[?b && a > `0`].a",
    "`[{\"a\":0},{\"a\":\"\"},{\"a\":[]},{\"a\":{}},{\"a\":false}]`[?a]",
    "`[{\"a\":0},{\"a\":\"\"}]`[?!a]",
    "`[[{\"a\":[1,2]}],[{\"a\":[3]}]]`[][].a[]",
    "`[{\"a\":1},{\"a\":2},{\"a\":3}]`[1:].a",
    "`[1,2]`.*",
    "*",
    "'\uffff' < '\U0001f600'",
    "to_string(`\"x\"`)",
    "`[[1.0]]`[0][0]",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    aws = sys.argv[1] if len(sys.argv) > 1 else "/usr/bin/aws"
    port = free_port()
    moto = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        home = tempfile.mkdtemp()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "",
        }
        version = subprocess.run([aws, "--version"], env=env, capture_output=True, text=True).stdout.strip()

        def run(expression):
            p = subprocess.run(
                [aws, "sts", "get-caller-identity", "--endpoint-url", f"http://127.0.0.1:{port}",
                 "--output", "json", "--query", expression],
                env=env, capture_output=True,
            )
            return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

        rc, out, err = run("@")
        assert rc == 0, err
        given = json.loads(out)

        def record(expression):
            rc, out, err = run(expression)
            case = {"expression": expression, "exit": rc}
            if rc == 0:
                try:
                    case["stdout"] = json.dumps(json.loads(out), separators=(",", ":"), ensure_ascii=False)
                except ValueError:
                    case["stdout_raw"] = out
            else:
                if out:
                    case["stdout_raw"] = out
                # The CLI prints a blank line, the message, and a newline.
                case["stderr"] = err[1:-1] if err.startswith("\n") and err.endswith("\n") else err
            print(rc, repr(expression), file=sys.stderr)
            return case

        with ThreadPoolExecutor(max_workers=8) as pool:
            cases = list(pool.map(record, EXPRESSIONS))
        with open(OUT, "w", encoding="utf-8") as f:
            json.dump({"cli": version, "given": given, "cases": cases}, f, indent=1, ensure_ascii=False)
            f.write("\n")
    finally:
        moto.terminate()
        moto.wait()


if __name__ == "__main__":
    main()
