#!/usr/bin/python3
# Runs the reference AWS CLI (/usr/bin/aws) with its clock pinned to
# AWS_AT_EPOCH (whole seconds since 1970, UTC), for output that carries the
# signing time (presigned URLs and tokens). Everything else is the CLI's own
# entry point, as /usr/bin/aws runs it.
#
#   AWS_AT_EPOCH=1700000000 aws-at.py <aws arguments...>
import datetime
import os
import sys
import types

import awscli.clidriver  # makes `botocore` the CLI's own copy

import botocore.auth
import awscli.customizations.eks.get_token as get_token

PINNED = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=int(os.environ["AWS_AT_EPOCH"]))


class Pinned(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return PINNED


shim = types.ModuleType("datetime")
shim.__dict__.update(datetime.__dict__)
shim.datetime = Pinned
botocore.auth.datetime = shim
get_token.datetime = Pinned

sys.argv[0] = "aws"
sys.exit(awscli.clidriver.main())
