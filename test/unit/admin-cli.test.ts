import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropSchema } from "../support/database.ts";
import { isolatedDatabaseEnv } from "../support/process.ts";
import { PLAN_17 } from "./admin-support.ts";

const CLI = fileURLToPath(new URL("../../src/admin/cli.ts", import.meta.url));
let env: Record<string, string>;
let schema: string | undefined;

/** `npm run admin -- <argv>` as a separate process: its exit code and both output streams. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...argv], {
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  ({ env, schema } = await isolatedDatabaseEnv());
});
afterAll(async () => {
  if (schema) await dropSchema(schema);
});

describe("npm run admin", () => {
  it("without a command, lists the commands and exits 0", async () => {
    const run = await cli();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: npm run admin -- <command> [options]");
    expect(run.stdout).toMatch(/network create +create a network/);
    expect(run.stdout).toMatch(/organisations import +import or update/);
  });

  it("an unknown command names the closest and exits 2", async () => {
    const run = await cli("plan", "imprt");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown command "plan imprt"; the closest is "plan import".');
  });

  it("--help prints a command's usage and an example", async () => {
    const run = await cli("plan", "import", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: npm run admin -- plan import <slug> <file.xlsx|file.csv> [--dry-run]");
    expect(run.stdout).toContain("Example:");
  });

  it("creates a network and imports its plan on the configured database; a wrong option exits 2, a refused file 1", async () => {
    const create = await cli(
      "network",
      "create",
      "charente-maritime",
      "--name",
      "Charente-Maritime",
      "--department",
      "17",
    );
    expect(create).toMatchObject({
      code: 0,
      stdout: "Network charente-maritime created: 1 department(s), 13 EPCI(s) and 462 commune(s) added.\n",
    });
    expect((await cli("plan", "import", "charente-maritime", PLAN_17)).stdout).toContain(
      "19 fiche(s) and 43 indicator(s) added",
    );
    const wrong = await cli("network", "create", "x", "--nom", "X");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--nom'");
    const missing = await cli("plan", "import", "charente-maritime", "/nowhere/plan.csv");
    expect(missing).toMatchObject({ code: 1, stderr: "The file /nowhere/plan.csv cannot be read: check its path.\n" });
    expect((await cli("network", "show", "charente-maritime")).stdout).toContain("Fiches-actions: 19\nIndicators: 43");
  });
});
