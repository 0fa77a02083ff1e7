// Objects whose key order JavaScript would change (index-like keys are listed
// first) or whose keys it would swallow (`__proto__`): setMember keeps them
// as given, and docKeys lists them in that order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { docKeys, hasKeyOrder, isIndexKey, setMember, type DocObject } from "../../../src/output/document.ts";
import { formatJson } from "../../../src/output/json.ts";

test("index-like keys are exactly the ones JavaScript lists first", () => {
  for (const k of ["0", "9", "10", "4294967294"]) assert.equal(isIndexKey(k), true, k);
  for (const k of ["", "00", "07", "-1", "1.5", "1e3", "4294967295", "99999999999", "a", " 1"]) assert.equal(isIndexKey(k), false, k);
  // The definition agrees with the engine's own ordering.
  const probe: Record<string, number> = { z: 0 };
  for (const k of ["0", "07", "4294967294", "4294967295"]) probe[k] = 1;
  assert.deepEqual(Object.keys(probe), ["0", "4294967294", "z", "07", "4294967295"]);
});

test("setMember keeps insertion order and __proto__ as a member; docKeys lists it", () => {
  const o: DocObject = {};
  for (const k of ["b", "10", "9", "__proto__", "0", "a"]) setMember(o, k, k);
  assert.deepEqual(docKeys(o), ["b", "10", "9", "__proto__", "0", "a"]);
  assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.equal(o["__proto__"], "__proto__");
  // Replacing a value keeps the key's place.
  setMember(o, "10", "ten");
  assert.deepEqual(docKeys(o), ["b", "10", "9", "__proto__", "0", "a"]);
  assert.equal(o["10"], "ten");
  // The order record is not an enumerable member and is not printed.
  assert.deepEqual(JSON.parse(formatJson(o)), { b: "b", 10: "ten", 9: "9", ["__proto__"]: "__proto__", 0: "0", a: "a" });
  assert.match(formatJson(o), /^\{\n {4}"b": "b",\n {4}"10": "ten",\n {4}"9": "9",\n {4}"__proto__": "__proto__",\n {4}"0": "0",\n {4}"a": "a"\n\}\n$/);
});

test("objects JavaScript already orders right carry no order record", () => {
  const o: DocObject = {};
  for (const k of ["1", "2", "10", "a", "b"]) setMember(o, k, k);
  assert.equal(hasKeyOrder(o), false);
  assert.deepEqual(docKeys(o), ["1", "2", "10", "a", "b"]);
});
