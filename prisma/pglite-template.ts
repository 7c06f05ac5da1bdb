// npm run db:template: remakes prisma/pglite/empty-data-dir.tar.br, the empty data folder a new
// embedded database starts from instead of running initdb (src/db/pglite-template.ts). Run it after
// upgrading @electric-sql/pglite; a test fails while the shipped folder names another version.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { EMPTY_DATA_DIR, EMPTY_DATA_DIR_MANIFEST, installedPgliteVersion } from "../src/db/pglite-template.ts";

const lite = await PGlite.create("memory://");
// A checkpoint first: a database opened from the folder then has no WAL to replay.
await lite.exec("CHECKPOINT");
const tarball = new Uint8Array(await (await lite.dumpDataDir("none")).arrayBuffer());
await lite.close();
// Brotli with a 16 MiB window: the 40 MB folder (mostly zeros and three near-identical databases) packs to ~1.5 MB.
const packed = brotliCompressSync(tarball, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 9,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: tarball.length,
  },
});
writeFileSync(EMPTY_DATA_DIR, packed);
writeFileSync(EMPTY_DATA_DIR_MANIFEST, `${JSON.stringify({ pglite: await installedPgliteVersion() }, null, 2)}\n`);
console.log(`Wrote ${relative(process.cwd(), EMPTY_DATA_DIR)} (${packed.length} bytes from ${tarball.length}).`);
