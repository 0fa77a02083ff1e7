// kumo's JMESPath engine: the one used by `--query`, by paginators (output
// tokens, more_results, result keys) and by waiter acceptors. It behaves like
// python jmespath 1.0.1 as AWS CLI 2.9.19 runs it.
//
// Why kumo carries its own engine instead of a library: kumo must print what
// the AWS CLI prints, and the JavaScript library (@jmespath-community/jmespath)
// differs from python jmespath in ways users see:
//   - `sort([10, 9, 1, 2])` gives [1, 10, 2, 9] (string order) instead of [1, 2, 9, 10];
//   - field lookup walks the prototype chain: `a.constructor` on {"a": {}}
//     yields JavaScript's Object function, `length(a.__proto__)` yields 0,
//     where python jmespath gives null / an error;
//   - it accepts syntax the CLI rejects (`a + b`, `$.a`, `let $x = a in $x`,
//     `items(@)`), so kumo would print results where the CLI fails;
//   - its errors carry no position ("Syntax error: expected Star, got: EOF"),
//     so the CLI's `Bad value for --query` messages with column and caret
//     cannot be rebuilt from them;
//   - numbers are plain JavaScript numbers, so Python's float kind is lost:
//     `avg(@)` of [4, 6] gives 5 where the CLI prints 5.0, and values marked
//     as floats in kumo documents (../document.ts) lose their marks;
//   - `==` is not Python's: python jmespath has [1] == [true] and 1 == 1.0,
//     but 1 != true at the top level; the library has [1] != [true].
// Keeping every detail in one engine (and one set of conformance tests:
// test/unit/query/) is simpler than patching around a library.
//
// Layout:
//   lexer.ts        expression text → tokens (python jmespath's lexer errors)
//   parser.ts       tokens → syntax tree (ast.ts), same binding powers and parse errors
//   interpreter.ts  walks the tree over a document; comparisons
//   functions.ts    the function library with the reference's argument checks
//   python.ts       Python ==, ordering, type names, repr()/str(), int()/float() of text
//   python-json.ts  json.loads()/json.dumps() as Python does them (literals, to_string)
//   values.ts       values while evaluating; integral floats as PyFloat boxes
//   errors.ts       JmesPathError (engine) and the --query errors
//   expression.ts   compileExpression / evaluateExpression: the entry points for kumo code
//   query-option.ts compileQuery / searchQuery: the same with `--query`'s error wording

export {
  JmesPathError,
  QueryEvaluationError,
  QuerySyntaxError,
  type QueryErrorKind,
} from "./errors.ts";
export {
  CompiledQuery,
  compileExpression,
  evaluateExpression,
  searchExpression,
  type QueryResult,
} from "./expression.ts";
export { compileQuery, searchQuery, searchQueryResult } from "./query-option.ts";
export { pyEquals } from "./python.ts";
