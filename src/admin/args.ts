import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { AdminError } from "./errors.ts";

/** The options and positional arguments of one command, parsed strictly. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * Parses a command's arguments; an unknown option or a wrong number of positional arguments is a
 * usage error that names the command's usage line.
 */
export function parseCommandArgs(
  args: string[],
  options: ParseArgsOptionsConfig,
  positionals: string[],
  usage: string,
): ParsedArgs {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (error) {
    throw new AdminError(`${(error as Error).message.replace(/\.$/, "")}; usage: ${usage}`, 2);
  }
  if (parsed.positionals.length !== positionals.length) {
    const what =
      parsed.positionals.length < positionals.length
        ? `missing ${positionals.slice(parsed.positionals.length).join(" ")}`
        : `unexpected "${parsed.positionals[positionals.length]}"`;
    throw new AdminError(`${what}; usage: ${usage}`, 2);
  }
  return parsed;
}

/** True when `--help` or `-h` is among the arguments. */
export const asksHelp = (args: readonly string[]): boolean => args.includes("--help") || args.includes("-h");
