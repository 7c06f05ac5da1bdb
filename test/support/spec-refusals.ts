// Vitest setup file: a test during which a fake platform refused a request against the platform's
// specification fails here, even when the bot only logged the refusal and went on.
import { afterEach } from "vitest";
import { takeSpecRefusals } from "../fakes/specs/refusals.ts";

afterEach(() => {
  const { refusals, expected } = takeSpecRefusals();
  if (refusals.length === 0 || expected) return;
  const lines = refusals.map((r) => `- ${r.platform} ${r.request}: ${r.reason}`);
  throw new Error(`The platform would refuse ${refusals.length} request(s) the bot sent:\n${lines.join("\n")}`);
});
