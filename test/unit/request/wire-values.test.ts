import { test } from "node:test";
import assert from "node:assert/strict";
import { markIntegralFloats, NUMBER_TEXT } from "../../../src/request/wire-values.ts";

test("integral float literals are carried as marked text; everything else is untouched", () => {
  const text = '{"a":5.0,"b":5,"c":1.5,"d":"5.0","e":[1e3,2E0,-0.0,3.25e2],"f":"x\\"5.0\\"","g":12.000}';
  const parsed = JSON.parse(markIntegralFloats(text));
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
  assert.equal(markIntegralFloats(text), text);
});
