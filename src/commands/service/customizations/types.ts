// The shape of the customization table: what the AWS CLI adds to or changes
// in an operation's arguments and calls (its awscli/customizations handlers),
// said as data. One entry applies to the operations its `on` pattern names;
// the mechanisms that carry each field out live in apply.ts.
import type { ExtraArg } from "../../../params/argtable.ts";
import type { DocObject } from "../../../output/document.ts";
import type { Shape } from "../../../services/shape.ts";

/** What option values that name files are resolved against. */
export interface OptionContext {
  cwd: string;
  env: Record<string, string | undefined>;
  home: string;
}

/**
 * Where an added option's value goes in the input: the members returned by
 * `members` are set on the object at `path`, which is created when missing.
 */
export interface Placement {
  /** Members and first list items, `IpPermissions[0].UserIdGroupPairs[0]`; "" is the input itself. */
  path: string;
  /** The value the path's first member starts as when the input lacks it (`[{DeviceIndex: 0}]`). */
  start?: unknown;
  /** Leave members that are already set. */
  keep?: boolean;
  /** The members to set from the option's value; undefined sets nothing. Throws ParamError for a bad value. */
  members(value: unknown): Record<string, unknown> | undefined;
}

/** An option the CLI adds to an operation. */
export interface CustomOption extends ExtraArg {
  into?: Placement;
  /** Checks and converts the value the call handlers get (an output path, a key file). */
  keep?: (value: unknown, ctx: OptionContext) => unknown;
}

/** An option given on the command line, in argument-table order, with its parsed value. */
export interface GivenOption {
  name: string;
  value: unknown;
}

/** Checks of one option's value; each throws for a value the CLI refuses. */
export interface ValueCheck {
  loaded?: (value: unknown) => void;
  parsed?: (value: unknown) => void;
}

/** A check the CLI makes once the options are parsed (its operation-args-parsed handlers). */
export type ParsedCheck = (given: readonly GivenOption[]) => void;

export interface CallHandlers {
  /** The input to send: `input` itself, or a copy with what the CLI adds. */
  before(input: Record<string, unknown>): Record<string, unknown>;
  /** The printable document of one response, as the CLI's handlers leave it. */
  after(doc: DocObject): DocObject;
}

export interface CallContext {
  outShape: Shape;
  /** Values of the added options that keep theirs for the call, by option name. */
  options: Readonly<Record<string, unknown>>;
}

export interface Customization {
  /** `service.operation` in CLI names; `*` matches any name (the CLI's event names). */
  on: string;
  /** Option renames, old name to new (a boolean's negative option by its `no-` name). */
  rename?: Readonly<Record<string, string>>;
  /** Hidden second names of options: option to alias. */
  alias?: Readonly<Record<string, string>>;
  /** Options taken away. */
  remove?: readonly string[];
  /** Options still accepted but left out of help. */
  hide?: readonly string[];
  /** Options no longer required on the command line (the service still checks). */
  optional?: readonly string[];
  /** Structures of one boolean `Value` become `--x [value] | --no-x`. */
  pullUpBooleans?: boolean;
  /** Options added after the model's. */
  options?: readonly CustomOption[];
  checks?: readonly ParsedCheck[];
  /** Checks of a model option's value, by option name: as loaded (file:// read, before parsing) and as parsed. */
  valueChecks?: Readonly<Record<string, ValueCheck>>;
  /** Changes to the whole input before it is validated (botocore's before-parameter-build handlers). */
  beforeBuild?: (input: Record<string, unknown>) => void;
  /** A page size the CLI asks for when the input has only these members. */
  pageSize?: { size: number; allow: readonly string[] };
  /** Request and response handlers around each call. */
  call?: (c: CallContext) => Partial<CallHandlers>;
}
