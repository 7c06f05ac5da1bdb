/** Why a database refused to write, when the cause is its storage rather than the query. */
export type StorageFault = "read_only" | "full";

// PostgreSQL's SQLSTATEs (PGlite reports the same): disk_full, read_only_sql_transaction, io_error.
const codes: Record<string, StorageFault> = { "53100": "full", "25006": "read_only" };

/** Names a storage fault from a database or file-system error, or undefined for any other error. */
export function storageFault(error: unknown): StorageFault | undefined {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (codes[code]) return codes[code];
  const message = typeof e?.message === "string" ? e.message : "";
  if (code === "ENOSPC" || /no space left on device/i.test(message)) return "full";
  if (code === "EROFS" || /read-only file system/i.test(message)) return "read_only";
  return undefined;
}
