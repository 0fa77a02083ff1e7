// Values and handlers of the AWS CLI's EC2 customizations (awscli/customizations/ec2/):
// --count for run-instances, the network-interface shortcuts of
// run-instances, the simple rule options of the security-group operations,
// protocol names for network ACL entries, and --priv-launch-key for
// get-password-data. The table in table.ts says which operation gets which.
import { createPrivateKey, privateDecrypt, constants } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { GeneralError, ParamError } from "../../../errors/index.ts";
import { expandUser, expandVars } from "../../../params/paramfile.ts";
import { pyIntOf } from "../../../params/python-values.ts";
import type { DocObject } from "../../../output/document.ts";
import type { CallContext, CallHandlers, OptionContext } from "./types.ts";
import { truthy } from "./apply.ts";

// ---- run-instances ----

/** `--count N` or `--count MIN:MAX` as MinCount and MaxCount. */
export function countMembers(value: unknown): Record<string, unknown> {
  const text = String(value);
  const parts = text.includes(":") ? text.split(":") : [text, text];
  const [min, max] = parts.length === 2 ? parts.map((p) => pyIntOf(p)) : [undefined, undefined];
  // The CLI means to say this; 2.9.19 fails on a missing import instead, with the same exit code.
  if (min === undefined || max === undefined) throw new GeneralError("count parameter should be of form min[:max] (e.g. 1 or 1:10)");
  return { MinCount: min, MaxCount: max };
}

/** One instance unless --count (or the input) says otherwise. */
export function defaultCount(input: Record<string, unknown>): void {
  if (!("MaxCount" in input)) input.MaxCount = 1;
  if (!("MinCount" in input)) input.MinCount = 1;
}

/** The first network interface, as run-instances' shortcut options start it. */
export const FIRST_INTERFACE = [{ DeviceIndex: 0 }];

/**
 * Once the input describes the first network interface with addresses,
 * --subnet-id, --security-group-ids, --private-ip-address and the IPv6
 * options must move into it (the service rejects them next to it).
 */
export function moveIntoNetworkInterface(input: Record<string, unknown>): void {
  const list = input.NetworkInterfaces;
  if (!Array.isArray(list) || !list.length) return;
  const nic = list[0] as Record<string, unknown>;
  if (!["PrivateIpAddresses", "SecondaryPrivateIpAddressCount", "AssociatePublicIpAddress"].some((k) => k in nic)) return;
  const move = (from: string, to: string, value: (v: unknown) => unknown = (v) => v) => {
    if (!(from in input)) return;
    nic[to] = value(input[from]);
    delete input[from];
  };
  move("SubnetId", "SubnetId");
  move("SecurityGroupIds", "Groups");
  move("PrivateIpAddress", "PrivateIpAddresses", (ip) => [{ PrivateIpAddress: ip, Primary: true }]);
  move("Ipv6AddressCount", "Ipv6AddressCount");
  move("Ipv6Addresses", "Ipv6Addresses");
}

// ---- security-group rules ----

/** --protocol: a name (tcp, udp, icmp, all) or a protocol number. */
export function protocolMembers(value: unknown): Record<string, unknown> | undefined {
  if (!truthy(value)) return undefined;
  const text = String(value);
  const n = pyIntOf(text);
  if (n !== undefined) {
    if ((n < 0 || n > 255) && n !== -1) throw new ParamError("protocol numbers must be in the range 0-255 or -1 to specify all protocols");
    return { IpProtocol: text };
  }
  if (!["tcp", "udp", "icmp", "all"].includes(text)) {
    throw new ParamError("protocol parameter should be one of: tcp|udp|icmp|all or any valid protocol number.");
  }
  return { IpProtocol: text === "all" ? "-1" : text };
}

/** --port: one port, a `from-to` range, or all (-1). */
export function portMembers(value: unknown): Record<string, unknown> | undefined {
  if (!truthy(value)) return undefined;
  const text = String(value);
  let from: string;
  let to: string;
  if (text === "-1" || text === "all") from = to = "-1";
  else if (text.includes("-")) {
    const at = text.indexOf("-");
    [from, to] = [text.slice(0, at), text.slice(at + 1)];
  } else from = to = text;
  const [f, t] = [pyIntOf(from), pyIntOf(to)];
  if (f === undefined || t === undefined) throw new ParamError("port parameter should be of the form <from[-to]> (e.g. 22 or 22-25)");
  return { FromPort: f, ToPort: t };
}

export const cidrMembers = (value: unknown) => (truthy(value) ? { IpRanges: [{ CidrIp: value }] } : undefined);

/** --source-group: a group ID (sg-...) or a group name. */
export const sourceGroupMembers = (value: unknown) =>
  truthy(value) ? (String(value).startsWith("sg-") ? { GroupId: value } : { GroupName: value }) : undefined;

export const groupOwnerMembers = (value: unknown) => (truthy(value) ? { UserId: value } : undefined);

// ---- network ACL entries ----

const PROTOCOL_NUMBERS: Record<string, string> = { tcp: "6", udp: "17", icmp: "1", all: "-1" };

/** Protocol names as the numbers the service takes. */
export function protocolNumber(input: Record<string, unknown>): void {
  const p = input.Protocol;
  if (typeof p === "string" && p in PROTOCOL_NUMBERS) input.Protocol = PROTOCOL_NUMBERS[p];
}

// ---- get-password-data --priv-launch-key ----

/** The key file's path, which must name a file. */
export function launchKeyPath(value: unknown, ctx: OptionContext): string | undefined {
  if (!truthy(value)) return undefined;
  const path = resolve(ctx.cwd, expandUser(expandVars(String(value), ctx.env), ctx));
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new GeneralError("priv-launch-key should be a path to the local SSH private key file used to launch the instance.");
  return path;
}

/** PasswordData decrypted with the key file given to --priv-launch-key. */
export function decryptPassword(c: CallContext): Partial<CallHandlers> {
  const keyPath = c.options["priv-launch-key"];
  if (typeof keyPath !== "string") return {};
  return {
    after(doc: DocObject) {
      const data = doc.PasswordData;
      if (typeof data !== "string" || data === "") return doc;
      try {
        doc.PasswordData = decryptPkcs1(readFileSync(keyPath), Buffer.from(data, "base64"));
      } catch {
        throw new GeneralError("Unable to decrypt password data using provided private key file.");
      }
      return doc;
    },
  };
}

/**
 * RSA decryption with PKCS #1 v1.5 padding, as the password data is
 * encrypted. The padding is removed here: Node.js no longer offers it for
 * private decryption.
 */
export function decryptPkcs1(pem: Buffer, cipher: Buffer): string {
  const key = createPrivateKey({ key: pem, format: "pem" });
  if (key.asymmetricKeyType !== "rsa") throw new Error("not an RSA key");
  const block = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, cipher);
  // 0x00 0x02 <at least 8 non-zero bytes> 0x00 <message>
  if (block[0] !== 0 || block[1] !== 2) throw new Error("bad padding");
  const end = block.indexOf(0, 2);
  if (end < 10) throw new Error("bad padding");
  return new TextDecoder("utf-8", { fatal: true }).decode(block.subarray(end + 1));
}
