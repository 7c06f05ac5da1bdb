// Prisma CLI configuration. The native schema engine cannot be downloaded here, so the CLI runs its
// bundled WASM engine against an in-memory PGlite through a driver adapter: enough to create
// migrations (`npm run db:migration -- --name <name>`) and to generate the client. The application
// applies committed migrations itself at start-up (src/db/migrator.ts).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// Without these the CLI tries to download native engines it never uses here (engineType "client",
// engine "js"); an unreachable host would fail every `prisma generate`.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/dev/null";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/dev/null";
// schema.prisma must name a URL; with a driver adapter the CLI uses the PGlite below instead.
process.env.PRISMA_CLI_DATABASE_URL ??= "postgresql://pglite@localhost/pglite";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaPGlite(new PGlite());
  },
});
