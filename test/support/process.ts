import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { postgresUrl } from "./database.ts";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

/** A bot process started as `npm start` would, with its output captured. */
export interface BotProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Environment for a process on a database of its own: a temp PGlite folder, or a fresh PostgreSQL schema. */
export async function isolatedDatabaseEnv(): Promise<{ env: Record<string, string>; schema?: string }> {
  if (postgresUrl) {
    const schema = `e2e_${randomBytes(5).toString("hex")}`;
    const url = new URL(postgresUrl);
    url.searchParams.set("schema", schema);
    return { env: { DATABASE_URL: url.toString() }, schema };
  }
  return { env: { PGLITE_DATA_DIR: join(await mkdtemp(join(tmpdir(), "bot-e2e-")), "pglite") } };
}

/** Spawns the bot; resolves once it logs that it listens, rejects if it exits first. */
export function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const handle = (url: string): BotProcess => ({
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop: async (signal = "SIGTERM") => {
      child.kill(signal);
      return exited;
    },
  });
  return new Promise((resolve, reject) => {
    let listening = false;
    child.stdout!.on("data", (d) => {
      const from = out.lastIndexOf("\n") + 1;
      out += d;
      if (listening) return;
      // The start-up log line carries the URL (PORT=0 picks a free port); it is logged at info level.
      const line = out
        .slice(from)
        .split("\n")
        .find((l) => l.includes('"bot listening"'));
      if (line) {
        listening = true;
        resolve(handle(JSON.parse(line).url));
      }
    });
    void exited.then((code) =>
      reject(Object.assign(new Error(`bot exited with ${code}: ${err}`), { code, stderr: err, stdout: out })),
    );
  });
}

/** Runs the bot expecting it to fail at start; returns its exit code and output. */
export async function startBotExpectingFailure(env: Record<string, string>) {
  try {
    const bot = await startBot(env);
    await bot.stop();
    throw new Error("the bot started, but was expected to fail");
  } catch (error) {
    const e = error as { code?: number; stderr?: string; stdout?: string };
    if (e.code === undefined) throw error;
    return { code: e.code, stderr: e.stderr ?? "", stdout: e.stdout ?? "" };
  }
}

export async function say(base: string, body: unknown) {
  const res = await fetch(`${base}api/local/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { replies: { text: string; choices?: { id: string; label: string }[] }[] },
  };
}
