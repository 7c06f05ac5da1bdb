// npm run admin -- <words…> [options]: the administration command line (networks, plans, organisations).
import { fileURLToPath } from "node:url";
import { distance } from "fastest-levenshtein";
import { ConfigError, loadConfig } from "../config/env.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrator.ts";
import { asksHelp } from "./args.ts";
import type { AdminCommand, AdminContext } from "./command.ts";
import { adminCommands } from "./commands/index.ts";
import { AdminError, closest } from "./errors.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** The list printed when no command, or an unknown one, is given. */
export function commandList(commands: readonly AdminCommand[]): string {
  const width = Math.max(...commands.map((c) => c.words.join(" ").length));
  return [
    "Usage: npm run admin -- <command> [options]   (each command has --help)",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.words.join(" ").padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

/** The command whose words start `argv`, the longest match first. */
export function findCommand(commands: readonly AdminCommand[], argv: readonly string[]): AdminCommand | undefined {
  return [...commands]
    .sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((w, i) => argv[i] === w));
}

/** Runs one command line against the configured database; resolves to the exit code. */
export async function runAdmin(
  argv: string[],
  io: Pick<AdminContext, "out" | "err">,
  commands: readonly AdminCommand[] = adminCommands,
): Promise<number> {
  const command = findCommand(commands, argv);
  if (!command) {
    const typed = argv
      .filter((a) => !a.startsWith("-"))
      .slice(0, 2)
      .join(" ");
    if (typed && !asksHelp(argv.slice(0, 1))) {
      const [near] = closest(
        typed,
        commands.map((c) => c.words.join(" ")),
        distance,
        1,
      );
      io.err(`Unknown command "${typed}"; the closest is "${near}".`);
    }
    (typed ? io.err : io.out)(commandList(commands));
    return typed ? 2 : 0;
  }
  const args = argv.slice(command.words.length);
  if (asksHelp(args)) {
    io.out(command.help);
    return 0;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  const database = await openDatabase(config.database);
  try {
    await database.withSession((session) => applyMigrations(session, MIGRATIONS_DIR));
    return await executeCommand(command, args, { db: database.prisma, config, ...io });
  } finally {
    await database.close();
  }
}

/** Runs one command; an expected failure is its one sentence on the error stream and its exit code. */
export async function executeCommand(command: AdminCommand, args: string[], ctx: AdminContext): Promise<number> {
  try {
    return await command.run(args, ctx);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    ctx.err(error.message);
    return error.exitCode;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await runAdmin(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  }).catch((error: unknown) => {
    console.error(`The command failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  });
  process.exitCode = code;
}
