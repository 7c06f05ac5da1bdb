// Shared contract for the administration command line (src/admin/command.ts). Create this file with
// exactly this content if it does not exist yet (another helper creates the same file on its branch).
import type { Config } from "../config/env.ts";
import type { Db } from "../db/database.ts";

/** What an administration command may use: the database, the configuration, and two output streams. */
export interface AdminContext {
  db: Db;
  config: Config;
  /** A line for standard output (results). */
  out: (line: string) => void;
  /** A line for standard error (problems, progress). */
  err: (line: string) => void;
}

/** One command of `npm run admin -- <words…> [options]`. */
export interface AdminCommand {
  /** The words that select it, e.g. ["network", "create"]. */
  words: string[];
  /** One line for the list of commands. */
  summary: string;
  /** The full text of `--help`: usage, options, an example. */
  help: string;
  /** Runs with the arguments after the command words; resolves to the process's exit code. */
  run(args: string[], ctx: AdminContext): Promise<number>;
}
