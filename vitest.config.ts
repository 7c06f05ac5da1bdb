import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database (in-memory PGlite, or a schema of its own on PostgreSQL).
    fileParallelism: true,
    // PGlite databases open from data folders built once per run instead of each running initdb.
    globalSetup: ["test/support/global-setup.ts"],
    // A request a real platform would refuse fails the test that made it (test/fakes/specs/refusals.ts).
    setupFiles: ["test/support/spec-refusals.ts"],
    reporters: ["default"],
  },
});
