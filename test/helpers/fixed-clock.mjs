// Preloaded into kumo (node --import) by tests that compare output carrying
// the current time (presigned URLs and tokens) with the reference CLI's: the
// clock reads KUMO_TEST_EPOCH (whole seconds since 1970, UTC) and stands
// still. Only for commands that send no request: timers still run.
const fixed = Number(process.env.KUMO_TEST_EPOCH) * 1000;
if (!Number.isFinite(fixed)) throw new Error("fixed-clock.mjs needs KUMO_TEST_EPOCH");
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(fixed);
    else super(...args);
  }
  static now() {
    return fixed;
  }
}
globalThis.Date = FixedDate;
