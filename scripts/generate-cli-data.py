#!/usr/bin/env python3
"""Regenerate data/cli/ from the botocore service data installed with python.

kumo takes shapes, protocols, endpoints and signing from the AWS SDK for
JavaScript v3. The SDK does not carry the few facts the AWS CLI adds on top of
the API models, so they are kept here as data:

- the CLI's service names (`s3api`, `elbv2`, `logs`, ...) and the SDK package
  that serves each one (derived from the service id);
- paginator configuration (result keys, non-aggregate keys, limit key, the
  `more_results` flag) that decides how the CLI merges pages;
- waiter definitions (delay, max attempts, JMESPath acceptors).

Usage: python3 scripts/generate-cli-data.py [botocore-data-dir]
Needs `pip install botocore`. The output is committed; users never run this.
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


def main():
    loader = botocore.loaders.Loader()
    if len(sys.argv) > 1:
        loader.search_paths.insert(0, sys.argv[1])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "cli")
    os.makedirs(root, exist_ok=True)
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
        try:
            extra["paginators"] = compact_paginators(loader.load_service_model(name, "paginators-1"))
        except Exception:
            pass
        try:
            waiters = loader.load_service_model(name, "waiters-2").get("waiters", {})
            if waiters:
                extra["waiters"] = waiters
        except Exception:
            pass
        with open(os.path.join(root, cli_name + ".json"), "w") as f:
            json.dump(extra, f, separators=(",", ":"), sort_keys=True)
            f.write("\n")
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"botocore": botocore.__version__, "services": index}, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %d services to %s" % (len(index), os.path.normpath(root)))


if __name__ == "__main__":
    main()
