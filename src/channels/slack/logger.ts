import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

/** Bolt and its WebClient log through the bot's pino logger, so one log stream tells the story. */
export function boltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]) =>
    msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
  // Bolt asks for its level to be set; pino's level stays the bot's own, so setLevel is a no-op.
  let level: LogLevel = LogLevel.INFO;
  return {
    // Bolt's and the WebClient's debug lines hold whole requests and responses (messages, names): never forwarded.
    debug: () => {},
    info: (...msg) => log.info(line(msg)),
    warn: (...msg) => log.warn(line(msg)),
    error: (...msg) => log.error(line(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
