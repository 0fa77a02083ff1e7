#!/bin/bash
# Assume-role helper with MFA
#
# Assumes an IAM role with an MFA code and exports the temporary credentials
# into the current shell. Source it, so the exports stay:
#
#   source ./assume_role_helper.sh <role-arn> <mfa-serial-arn> [session-name]
#
# It asks for the MFA code on the terminal (or reads it from standard input).
# Needs the AWS CLI ("aws") on PATH and long-term credentials that may assume
# the role.

ROLE_ARN="$1"
MFA_SERIAL="$2"
SESSION_NAME="${3:-cli-session-$(date +%s)}"

if [ -z "$ROLE_ARN" ] || [ -z "$MFA_SERIAL" ]; then
    echo "Usage: source $0 <role-arn> <mfa-serial-arn> [session-name]" >&2
    return 1 2>/dev/null || exit 1
fi

read -r -p "Enter MFA code for $MFA_SERIAL: " TOKEN_CODE

CREDS=$(aws sts assume-role \
    --role-arn "$ROLE_ARN" \
    --role-session-name "$SESSION_NAME" \
    --serial-number "$MFA_SERIAL" \
    --token-code "$TOKEN_CODE" \
    --duration-seconds 3600 \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken,Expiration]' \
    --output text)

if [ $? -ne 0 ] || [ -z "$CREDS" ]; then
    echo "Failed to assume role $ROLE_ARN" >&2
    return 1 2>/dev/null || exit 1
fi

read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN EXPIRATION <<< "$CREDS"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

echo "Assumed $ROLE_ARN until $EXPIRATION" >&2
aws sts get-caller-identity --query Arn --output text
