import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The platforms' official specifications, verbatim copies in `official/` (their origin, repository
 * and commit, is in SOURCES.md there), so that a clone runs its tests on its own. A fake that cannot
 * read them fails at once: checking less than the platform would, silently, is what the fakes must
 * never do.
 */
export const SPEC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "official");

const cache = new Map<string, unknown>();

/** One specification file, parsed once per process. */
export function readSpec<T>(file: string): T {
  if (!cache.has(file)) {
    try {
      cache.set(file, JSON.parse(readFileSync(resolve(SPEC_DIR, file), "utf8")));
    } catch (error) {
      throw new Error(`The fake platforms need ${file} in ${SPEC_DIR} (see SOURCES.md there): ${String(error)}`);
    }
  }
  return cache.get(file) as T;
}
