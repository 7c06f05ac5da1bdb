// A new embedded database starts from an empty data folder that PGlite's initdb made once
// (`npm run db:template`) and that ships beside the migrations: unpacking it takes a fraction of
// the seconds initdb spends on every fresh folder.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliDecompress } from "node:zlib";

const TEMPLATE_DIR = fileURLToPath(new URL("../../prisma/pglite/", import.meta.url));
/** The shipped empty data folder (PGlite `dumpDataDir` tarball, brotli-compressed). */
export const EMPTY_DATA_DIR = join(TEMPLATE_DIR, "empty-data-dir.tar.br");
/** What made it: `{ "pglite": "<version>" }`. */
export const EMPTY_DATA_DIR_MANIFEST = join(TEMPLATE_DIR, "empty-data-dir.json");

/** The installed PGlite's version (its package.json is not among the package's exports). */
export async function installedPgliteVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const manifest = JSON.parse(await readFile(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/**
 * The shipped empty data folder, or undefined when it is absent or was made by another PGlite
 * version than the installed one: its files might not suit that version, so initdb runs instead.
 */
export async function shippedEmptyDataDir(): Promise<Blob | undefined> {
  try {
    const made = JSON.parse(await readFile(EMPTY_DATA_DIR_MANIFEST, "utf8")) as { pglite?: string };
    if (made.pglite !== (await installedPgliteVersion())) return undefined;
    return new Blob([await promisify(brotliDecompress)(await readFile(EMPTY_DATA_DIR))]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
