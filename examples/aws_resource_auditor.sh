#!/bin/bash
# AWS Resource Auditor
#
# Lists the running and stopped EC2 instances and the unattached EBS volumes
# of every enabled region into a CSV file:
#
#   Region,ResourceType,ResourceID,Status,Details
#
# Usage: ./aws_resource_auditor.sh [output.csv]
#
# Needs the AWS CLI ("aws") on PATH and credentials for the account to audit.

OUTPUT_FILE="${1:-aws_audit_$(date +%Y%m%d_%H%M%S).csv}"

echo "Region,ResourceType,ResourceID,Status,Details" > "$OUTPUT_FILE"

REGIONS=$(aws ec2 describe-regions --query 'Regions[].RegionName' --output text)
if [ -z "$REGIONS" ]; then
    echo "Could not list regions; check your credentials." >&2
    exit 1
fi

for REGION in $REGIONS; do
    echo "Auditing region: $REGION" >&2

    # Running and stopped EC2 instances
    aws ec2 describe-instances --region "$REGION" \
        --filters Name=instance-state-name,Values=running,stopped \
        --query 'Reservations[].Instances[].[InstanceId,State.Name,InstanceType]' \
        --output text | while read -r ID STATE TYPE; do
        echo "$REGION,EC2Instance,$ID,$STATE,$TYPE" >> "$OUTPUT_FILE"
    done

    # Unattached EBS volumes
    aws ec2 describe-volumes --region "$REGION" \
        --filters Name=status,Values=available \
        --query 'Volumes[].[VolumeId,Size,VolumeType]' \
        --output text | while read -r ID SIZE TYPE; do
        echo "$REGION,EBSVolume,$ID,available,${SIZE}GB $TYPE" >> "$OUTPUT_FILE"
    done
done

echo "Audit complete: $OUTPUT_FILE" >&2
