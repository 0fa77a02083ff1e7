// What a client knew about a failed call (profile, credential source, URL,
// proxy, retry settings, measured clock skew), carried on the error the SDK
// throws until toKumoError turns it into kumo's error and its hint.
import { hintFor, type HintContext } from "../errors/hints.ts";
import type { KumoError } from "../errors/index.ts";

const CONTEXT: unique symbol = Symbol.for("kumo.hintContext");

interface Carrier {
  [CONTEXT]?: HintContext | null;
}

/** Attaches the call's context to an error (null: hints are off for this call). */
export function attachHintContext(err: unknown, ctx: HintContext | null): void {
  if (err === null || typeof err !== "object") return;
  if (Object.prototype.hasOwnProperty.call(err, CONTEXT)) return;
  Object.defineProperty(err, CONTEXT, { value: ctx, enumerable: false, configurable: true });
}

/** The hint for `mapped` (the kumo error made from `err`), if the client recorded a context. */
export function hintOf(err: unknown, mapped: KumoError): string | undefined {
  if (err === null || typeof err !== "object") return undefined;
  const ctx = (err as Carrier)[CONTEXT];
  if (!ctx) return undefined;
  try {
    return hintFor(mapped, ctx);
  } catch {
    return undefined;
  }
}
