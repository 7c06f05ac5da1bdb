import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("database schema", () => {
  it("the committed migrations produce exactly schema.prisma (no forgotten migration)", () => {
    const result = spawnSync(
      process.execPath,
      [
        "node_modules/prisma/build/index.js",
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
    );
    // --exit-code: 0 when identical, 2 when a migration is missing, 1 on error.
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});
