// Expected values recorded from Python 3.11: difflib.get_close_matches(word, choices, n=3, cutoff=...).
import { test } from "node:test";
import assert from "node:assert/strict";
import { getCloseMatches } from "../../../src/util/difflib.ts";

const services = ["ec2", "ecs", "ecr", "eks", "s3", "s3api", "sts", "iam", "elbv2", "elb", "ec2-instance-connect", "emr"];

test("close matches at the CLI's cutoff", () => {
  assert.deepEqual(getCloseMatches("ec2x", services, 3, 0.8), ["ec2"]);
  assert.deepEqual(getCloseMatches("s3ap", services, 3, 0.8), ["s3api"]);
  assert.deepEqual(getCloseMatches("zzz", services, 3, 0.8), []);
});

test("default cutoff ranks by score then reverse name", () => {
  assert.deepEqual(getCloseMatches("ecx", services), ["ecs", "ecr", "ec2"]);
  assert.deepEqual(getCloseMatches("appel", ["ape", "apple", "peach", "puppy"]), ["apple", "ape"]);
});
