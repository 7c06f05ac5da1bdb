import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import lockfile from "proper-lockfile";

/** Thrown when another process already holds the embedded database's folder. */
export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

/** How long a lock whose owner cannot be checked (another host, no owner file) must go unrefreshed to be stale. */
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;

interface Owner {
  pid: number;
  host: string;
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * The lock (proper-lockfile's `<dataDir>.lock`) is refreshed while we run; beside it, `<dataDir>.lock.owner`
 * names the holder, so a lock left by a process that died on this host (SIGKILL, a crash) is taken
 * over at once instead of after the stale delay. `onLost` runs if the lock is lost while we run.
 */
export async function lockDataDir(dataDir: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const ownerFile = `${dataDir}.lock.owner`;
  const take = () =>
    lockfile.lock(dataDir, { stale: STALE_MS, update: UPDATE_MS, realpath: false, onCompromised: onLost });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED" || !(await takeOverFromDeadOwner(dataDir, ownerFile)))
      throw inUse(dataDir, error);
    try {
      release = await take();
    } catch (again) {
      throw inUse(dataDir, again);
    }
  }
  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
  return async () => {
    await rm(ownerFile, { force: true });
    await release();
  };
}

/**
 * Removes the lock of an owner that is dead, when that can be known: same host (pids of other hosts
 * or containers mean nothing here) and no such process, or our own pid (a restarted container's
 * previous life). Renaming the owner file first lets one process only win a simultaneous takeover.
 */
async function takeOverFromDeadOwner(dataDir: string, ownerFile: string): Promise<boolean> {
  const owner = await readOwner(ownerFile);
  if (!owner || owner.host !== hostname() || (owner.pid !== process.pid && isAlive(owner.pid))) return false;
  const claimed = `${ownerFile}.${process.pid}`;
  try {
    await rename(ownerFile, claimed);
  } catch {
    return false; // another process took it over first
  }
  await rm(`${dataDir}.lock`, { recursive: true, force: true });
  await rm(claimed, { force: true });
  return true;
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, "utf8")) as Partial<Owner>;
    return typeof owner.pid === "number" && typeof owner.host === "string"
      ? { pid: owner.pid, host: owner.host }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function inUse(dataDir: string, cause: unknown): Error {
  if ((cause as NodeJS.ErrnoException).code !== "ELOCKED") return cause as Error;
  return new DataDirInUseError(
    `another bot process is using the embedded database in ${dataDir}. Stop it first, or set DATABASE_URL so that several processes share one PostgreSQL server.`,
  );
}
