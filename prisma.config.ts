// Prisma CLI configuration. The native schema engine cannot be downloaded here, so the CLI runs its
// bundled WASM engine through a driver adapter, against in-memory PGlite databases: enough for
// `npm run db:migration -- <name>` (migrate diff --from-migrations) and `prisma generate`.
// The application applies committed migrations itself at start-up (src/db/migrator.ts).
import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
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
    const factory = new PrismaPGlite(new PGlite());
    const connect = factory.connect.bind(factory);
    const connectToShadowDb = factory.connectToShadowDb.bind(factory);
    factory.connect = async () => withScripts(await connect());
    factory.connectToShadowDb = async () => withScripts(await connectToShadowDb());
    return factory;
  },
});

/**
 * The WASM engine replays each committed migration into the shadow database with `executeRaw` and
 * no parameters; PGlite would run it as one prepared statement, which refuses several commands.
 * A parameterless call goes through PGlite's multi-statement `exec` instead.
 */
function withScripts<T extends SqlDriverAdapter>(adapter: T): T {
  const executeRaw = adapter.executeRaw.bind(adapter);
  const client = (adapter as unknown as { client: PGlite }).client;
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length > 0) return executeRaw(query);
    await client.exec(query.sql);
    return 0;
  };
  return adapter;
}
