// The requests a fake platform refused because the platform's specification forbids them. A bot
// may log such a refusal and carry on; the test must not: test/support/spec-refusals.ts fails every
// test during which one happened, unless the test said it expects one.

/** One request a fake refused against its platform's specification. */
export interface SpecRefusal {
  platform: "telegram" | "slack" | "discord";
  /** The method (Telegram, Slack) or route (Discord) called. */
  request: string;
  /** What the platform would answer, in its words. */
  reason: string;
}

const seen: SpecRefusal[] = [];
let expected = false;

/** Records a refusal (called by the fake servers). */
export function recordSpecRefusal(refusal: SpecRefusal): void {
  seen.push(refusal);
}

/** Tells the check that the running test sends non-conforming requests on purpose (to test a fake or a refusal path). */
export function expectSpecRefusals(): void {
  expected = true;
}

/** The refusals since the last call, and whether the test expected them; clears both. */
export function takeSpecRefusals(): { refusals: SpecRefusal[]; expected: boolean } {
  const result = { refusals: seen.splice(0), expected };
  expected = false;
  return result;
}
