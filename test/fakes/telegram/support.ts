import { Writable } from "node:stream";
import { type Logger, pino } from "pino";
import type { Dispatch } from "../../../src/core/dispatch.ts";
import type { InboundCommand } from "../../../src/core/inbound.ts";
import { type Reply, say } from "../../../src/core/reply.ts";

/** A logger whose entries the test can read. */
export function capturingLog(): {
  log: Logger;
  entries: Array<{ level: number; msg: string; [key: string]: unknown }>;
} {
  const entries: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) entries.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: "debug" }, stream), entries };
}

/** A stand-in for the core: records what it hears and answers with `answer`. */
export function recordingDispatch(
  answer: (inbound: InboundCommand) => Reply[] = (i) => [
    say(`reçu : ${i.input.kind === "text" ? i.input.text : i.input.kind}`),
  ],
): Dispatch & { heard: InboundCommand[] } {
  const heard: InboundCommand[] = [];
  const dispatch = async (inbound: InboundCommand) => {
    heard.push(inbound);
    return answer(inbound);
  };
  return Object.assign(dispatch, { heard });
}
