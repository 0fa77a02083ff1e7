#!/usr/bin/env python3
"""Regenerate data/cli/ from the botocore service data installed with python.

kumo takes shapes, protocols, endpoints and signing from the AWS SDK for
JavaScript v3. The SDK does not carry the few facts the AWS CLI adds on top of
the API models, so they are kept here as data:

- the CLI's service names (`s3api`, `elbv2`, `logs`, ...) and the SDK package
  that serves each one (derived from the service id);
- paginator configuration (result keys, non-aggregate keys, limit key, the
  `more_results` flag) that decides how the CLI merges pages;
- waiter definitions (delay, max attempts, JMESPath acceptors);
- the minimum lengths and values botocore checks before a call, and on the
  stubbed response behind --generate-cli-skeleton output (the SDK's runtime
  schemas carry no length or range traits): for each structure, list or map
  reachable from an operation's input or output, the members whose target
  shape has a `min` (`{"GetUserRequest": {"UserName": 1}}`; a list's or
  map's elements under "member", "key" and "value", and again under the
  structure member that holds the list or map, "TagKeys.member"; a float
  minimum as a string, "0.0");
- the model's member order of structures where an optional member comes
  before a required one: the SDK's schemas list required members first, the
  CLI keeps the model's order (skeletons, validation messages, output keys);
- in data/cli/skeleton/<service>.json, what --generate-cli-skeleton needs and
  the SDK's schemas lack, by structure and member (elements of lists and maps
  as for the minimums): a string's first enum value {"e": ...}, floats
  {"f": 1} (printed 0.0), and the shape name of a list's strings {"n": ...}.

kumo's output follows AWS CLI v2 2.9.19, so where that release knew an
operation, its paginator and waiter definitions are used (newer botocore
changed some, e.g. ListObjectsV2 gained non-aggregate keys, and paginated
operations 2.9 did not); operations and waiters added since come from the
current botocore.

Usage: python3 scripts/generate-cli-data.py [--cli29 <awscli-2.9-botocore-data-dir>]
Needs `pip install botocore` (current models) and, for the 2.9 definitions,
the data folder of AWS CLI v2 2.9.19 (Debian's awscli package installs it at
/usr/lib/python3/dist-packages/awscli/botocore/data). The output is
committed; users never run this.
"""
import json
import os
import sys

import botocore.loaders
import botocore.session


# Services the AWS CLI exposes under another name than botocore's.
CLI_RENAMES = {"s3": "s3api", "config": "configservice", "codedeploy": "deploy", "opsworkscm": "opsworks-cm"}


def package_for(service_id):
    return "@aws-sdk/client-" + service_id.lower().replace(" ", "-")


def compact_paginators(pag):
    out = {}
    for op, cfg in sorted(pag.get("pagination", {}).items()):
        entry = {}
        for key in ("input_token", "output_token", "result_key", "non_aggregate_keys"):
            if key in cfg:
                val = cfg[key]
                entry[key] = val if isinstance(val, list) else [val]
        for key in ("limit_key", "more_results"):
            if key in cfg:
                entry[key] = cfg[key]
        out[op] = entry
    return out


# The shape types botocore's ParamValidator checks a `min` on: the length of
# strings and lists, the value of numbers.
MIN_CHECKED = {"string": "length", "list": "length", "integer": "value", "long": "value", "float": "value", "double": "value"}


def walk_reachable(model, parts, note):
    """Calls note(owner, member, target shape name) for every structure member
    reachable from the operations' `parts` ("input", "output"), and for the
    elements of lists and maps: under the list's or map's own name ("member",
    "key", "value") and, because the SDK leaves lists and maps of plain values
    unnamed, again under the structure member that holds them ("TagKeys.member")."""
    shapes = model["shapes"]
    seen = set()

    def elements(shape):
        if shape["type"] == "list":
            return [("member", shape["member"]["shape"])]
        if shape["type"] == "map":
            return [("key", shape["key"]["shape"]), ("value", shape["value"]["shape"])]
        return []

    def walk(name):
        if name in seen:
            return
        seen.add(name)
        shape = shapes[name]
        if shape["type"] == "structure":
            for member, ref in shape.get("members", {}).items():
                note(name, member, ref["shape"])
                for part, target in elements(shapes[ref["shape"]]):
                    note(name, member + "." + part, target)
                walk(ref["shape"])
        for part, target in elements(shape):
            note(name, part, target)
            walk(target)

    for op in model.get("operations", {}).values():
        for part in parts:
            if part in op:
                walk(op[part]["shape"])


def min_constraints(model):
    shapes = model["shapes"]
    out = {}

    def note(owner, member, target_name):
        target = shapes[target_name]
        kind = MIN_CHECKED.get(target["type"])
        low = target.get("min")
        # A minimum length of 0 checks nothing.
        if kind and low is not None and not (kind == "length" and low <= 0):
            # A float minimum is kept as Python prints it ("0.0"): JSON would make it 0.
            out.setdefault(owner, {})[member] = repr(low) if isinstance(low, float) else low

    walk_reachable(model, ("input", "output"), note)
    return dict(sorted(out.items()))


def member_orders(model):
    out = {}
    for name, shape in model["shapes"].items():
        if shape["type"] != "structure":
            continue
        members = list(shape.get("members", {}))
        required = set(shape.get("required", []))
        first_optional = next((i for i, m in enumerate(members) if m not in required), len(members))
        if any(m in required for m in members[first_optional:]):
            out[name] = members
    return dict(sorted(out.items()))


def skeleton_hints(model):
    shapes = model["shapes"]
    out = {}

    def note(owner, member, target_name):
        target = shapes[target_name]
        # Map keys are always "KeyName" in a skeleton.
        if member.endswith(".key") or (member == "key" and shapes[owner]["type"] == "map"):
            return
        hint = {}
        if target["type"] == "string" and target.get("enum"):
            hint["e"] = target["enum"][0]
        if target["type"] in ("float", "double"):
            hint["f"] = 1
        # An output skeleton names a list's strings after their shape ("String").
        if target["type"] == "string" and (member == "member" or member.endswith(".member")):
            hint["n"] = target_name
        if hint:
            out.setdefault(owner, {})[member] = hint

    walk_reachable(model, ("input", "output"), note)
    return dict(sorted(out.items()))


def load_or_empty(loader, name, kind):
    try:
        return loader.load_service_model(name, kind)
    except Exception:
        return {}


def main():
    loader = botocore.loaders.Loader()
    cli29_dir = "/usr/lib/python3/dist-packages/awscli/botocore/data"
    if "--cli29" in sys.argv:
        cli29_dir = sys.argv[sys.argv.index("--cli29") + 1]
    old = None
    if os.path.isdir(cli29_dir):
        old = botocore.loaders.Loader(extra_search_paths=[cli29_dir], include_default_search_paths=False)
    else:
        print("warning: no AWS CLI 2.9 data at %s; using current definitions only" % cli29_dir)
    old_services = set(old.list_available_services("service-2")) if old else set()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cli")
    os.makedirs(os.path.join(root, "skeleton"), exist_ok=True)
    index = {}
    for name in sorted(loader.list_available_services("service-2")):
        model = loader.load_service_model(name, "service-2")
        meta = model["metadata"]
        cli_name = CLI_RENAMES.get(name, name)
        service_id = meta.get("serviceId", name)
        index[cli_name] = {
            "serviceId": service_id,
            "package": package_for(service_id),
            "protocol": meta.get("protocol"),
            "apiVersion": meta.get("apiVersion"),
        }
        extra = {}
        paginators = compact_paginators(load_or_empty(loader, name, "paginators-1"))
        waiters = load_or_empty(loader, name, "waiters-2").get("waiters", {})
        if name in old_services:
            old_ops = set(old.load_service_model(name, "service-2")["operations"])
            old_pag = compact_paginators(load_or_empty(old, name, "paginators-1"))
            # Operations 2.9 knew but did not paginate stay unpaginated: null
            # tells kumo not to fall back to the SDK's paginator for them.
            paginators = {op: (None if op in old_ops else cfg) for op, cfg in paginators.items()}
            paginators.update(old_pag)
            old_waiters = load_or_empty(old, name, "waiters-2").get("waiters", {})
            waiters = {**waiters, **old_waiters}
        if paginators:
            extra["paginators"] = dict(sorted(paginators.items()))
        if waiters:
            extra["waiters"] = dict(sorted(waiters.items()))
        mins = min_constraints(model)
        if mins:
            extra["min"] = mins
        orders = member_orders(model)
        if orders:
            extra["order"] = orders
        with open(os.path.join(root, cli_name + ".json"), "w") as f:
            json.dump(extra, f, separators=(",", ":"), sort_keys=True)
            f.write("\n")
        hints = skeleton_hints(model)
        if hints:
            with open(os.path.join(root, "skeleton", cli_name + ".json"), "w") as f:
                json.dump(hints, f, separators=(",", ":"), sort_keys=True)
                f.write("\n")
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"botocore": botocore.__version__, "services": index}, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %d services to %s" % (len(index), os.path.normpath(root)))


if __name__ == "__main__":
    main()
