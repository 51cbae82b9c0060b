"""Calls the emulator with Alibaba Cloud's official Python SDK, once per signature (V3, the default, and the
older RPC one), and prints what came back as one JSON object for the Rust test to check.

Usage: python sdk_interop.py HOST:PORT   (the AccessKey comes from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET)
"""

import json
import os
import sys

from alibabacloud_ram20150501 import models as ram_models
from alibabacloud_ram20150501.client import Client as Ram
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_sts20150401.client import Client as Sts
from alibabacloud_tea_openapi import models as open_api_models

# Parameter values that canonicalisation must get right: spaces, *, ~, /, %, +, =, &, non-ASCII.
AWKWARD = ["sp ace", "st*r", "til~de", "sl/ash", "per%cent", "a+b=c&d", "中文说明", "ü é ß", "emoji 😀", "~!@#$%^&*()_+-=[]{}|;:,./<>?"]


def config(endpoint, key_id, secret, algorithm, token=None):
    cfg = open_api_models.Config(
        access_key_id=key_id, access_key_secret=secret, security_token=token, endpoint=endpoint, protocol="http"
    )
    if algorithm == "rpc":
        cfg.signature_algorithm = "v2"  # the SDK's name for the HMAC-SHA1 RPC signature
    return cfg


def error_of(call):
    try:
        call()
    except Exception as e:  # the SDK's own exception type differs between versions
        return {"code": getattr(e, "code", None), "message": getattr(e, "message", str(e))}
    return None


def run(endpoint, key_id, secret, algorithm):
    cfg = config(endpoint, key_id, secret, algorithm)
    ram, sts = Ram(cfg), Sts(cfg)
    user = f"sdk-{algorithm}"
    policy = f"sdk-{algorithm}-policy"
    document = json.dumps({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:Describe*", "Resource": "*"}]})
    out = {}
    out["create_user"] = ram.create_user(ram_models.CreateUserRequest(user_name=user, display_name="SDK user 中文")).body.to_map()
    out["create_policy"] = ram.create_policy(
        ram_models.CreatePolicyRequest(policy_name=policy, policy_document=document, description="made by the official SDK")
    ).body.to_map()
    ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(policy_type="Custom", policy_name=policy, user_name=user))
    out["list_policies"] = ram.list_policies_for_user(ram_models.ListPoliciesForUserRequest(user_name=user)).body.to_map()
    out["caller"] = sts.get_caller_identity().body.to_map()
    out["awkward"] = []
    for i, value in enumerate(AWKWARD):
        created = ram.create_group(ram_models.CreateGroupRequest(group_name=f"g-{algorithm}-{i}", comments=value)).body.to_map()
        out["awkward"].append({"sent": value, "echoed": created["Group"]["Comments"]})
    wrong = Ram(config(endpoint, key_id, secret + "-wrong", algorithm))
    out["wrong_secret"] = error_of(lambda: wrong.get_user(ram_models.GetUserRequest(user_name=user)))
    out["missing_user"] = error_of(lambda: ram.get_user(ram_models.GetUserRequest(user_name="nobody-here")))

    # STS: a RAM user assumes a role; the temporary credentials sign with their security token.
    dev = Sts(config(endpoint, os.environ["DEV_KEY_ID"], os.environ["DEV_KEY_SECRET"], algorithm))
    assumed = dev.assume_role(
        sts_models.AssumeRoleRequest(role_arn=os.environ["ROLE_ARN"], role_session_name=f"sdk-{algorithm}", duration_seconds=900)
    ).body.to_map()
    c = assumed["Credentials"]
    temporary = config(endpoint, c["AccessKeyId"], c["AccessKeySecret"], algorithm, c["SecurityToken"])
    out["assumed_caller"] = Sts(temporary).get_caller_identity().body.to_map()
    out["assumed_get_user"] = Ram(temporary).get_user(ram_models.GetUserRequest(user_name=user)).body.to_map()
    out["assumed_create_user"] = error_of(
        lambda: Ram(temporary).create_user(ram_models.CreateUserRequest(user_name=f"not-{algorithm}"))
    )
    return out


def main():
    endpoint = sys.argv[1]
    key_id, secret = os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"], os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]
    print(json.dumps({algorithm: run(endpoint, key_id, secret, algorithm) for algorithm in ["v3", "rpc"]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
