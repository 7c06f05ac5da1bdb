import { type Logger, pino } from "pino";
import { LOG_POLICY } from "../../src/core/log-policy.ts";

/** A logger whose JSON lines the test reads back, as an operator's log collector would. */
export interface CapturedLog {
  log: Logger;
  /** Every line written so far, raw. */
  text(): string;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
}

/** Captures what the bot logs at `level` and above, through the same pino options as production. */
export function captureLog(level = "debug", options: pino.LoggerOptions = {}): CapturedLog {
  const written: string[] = [];
  const log = pino({ level, ...LOG_POLICY, ...options }, { write: (line: string) => void written.push(line) });
  return {
    log,
    text: () => written.join(""),
    lines: () => written.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
