import { test } from "node:test";
import assert from "node:assert/strict";
import { KEY_TEXT, markWireJson, NUMBER_TEXT, wireKey } from "../../../src/request/wire-values.ts";

test("integral float literals are carried as marked text; everything else is untouched", () => {
  const text = '{"a":5.0,"b":5,"c":1.5,"d":"5.0","e":[1e3,2E0,-0.0,3.25e2],"f":"x\\"5.0\\"","g":12.000}';
  const parsed = JSON.parse(markWireJson(text));
  assert.equal(parsed.a, NUMBER_TEXT + "5.0");
  assert.equal(parsed.b, 5);
  assert.equal(parsed.c, 1.5);
  assert.equal(parsed.d, "5.0");
  assert.deepEqual(parsed.e, [NUMBER_TEXT + "1e3", NUMBER_TEXT + "2E0", NUMBER_TEXT + "-0.0", NUMBER_TEXT + "3.25e2"]);
  assert.equal(parsed.f, 'x"5.0"');
  assert.equal(parsed.g, NUMBER_TEXT + "12.000");
});

test("text without candidates is returned as is (no copy)", () => {
  const text = '{"Users":[{"UserName":"alice","Count":3}]}';
  assert.equal(markWireJson(text), text);
});

test("map keys JavaScript would reorder or swallow are carried under KEY_TEXT, in their place", () => {
  const text = '{"Tags": {"b": "1", "10" : "2", "9":"3", "__proto__": {"x": 1}, "0": "01", "07": "x", "4294967295": "big"}, "v": ["10", "9"], "s": "\\"9\\": 1"}';
  const parsed = JSON.parse(markWireJson(text)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed.Tags as object), ["b", KEY_TEXT + "10", KEY_TEXT + "9", KEY_TEXT + "__proto__", KEY_TEXT + "0", "07", "4294967295"]);
  assert.deepEqual(Object.keys(parsed.Tags as object).map(wireKey), ["b", "10", "9", "__proto__", "0", "07", "4294967295"]);
  // Values and text inside strings are left alone.
  assert.deepEqual(parsed.v, ["10", "9"]);
  assert.equal(parsed.s, '"9": 1');
  // An escaped key is recognised too, once the text is being rewritten anyway.
  assert.deepEqual(Object.keys(JSON.parse(markWireJson('{"a": 5.0, "\\u005f_proto__": 1}')) as object), ["a", KEY_TEXT + "__proto__"]);
});
