import type { PGlite, Transaction } from "@electric-sql/pglite";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";

/**
 * PGlite serialises a parameter by its type OID. For an array of a custom enum (`"Role"[]`, as in
 * `roles: { has: "PARTNER" }`) it does not know the OID and sends `String(array)`, which PostgreSQL
 * rejects as a malformed array literal. An array literal is accepted for every array type, so the
 * adapter's queries get array parameters as literals. Binary arrays are left alone. Prisma sends
 * Bytes as base64 text, which PGlite's bytea serializer refuses: they are decoded here. Constraint
 * violations are told to Prisma the way @prisma/adapter-pg tells them (a unique index refusing a
 * row is P2002 on both databases, so "someone else just took that name" paths work on PGlite too).
 */
export function withArrayLiteralParams(lite: PGlite): PGlite {
  const wrapQueryable = <T extends Pick<PGlite, "query">>(target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        if (prop === "query") {
          return async (sql: string, params?: unknown[], options?: unknown) => {
            try {
              return uuidArraysAsText(
                await obj.query(
                  sql,
                  params?.map((p) => (isLiteralArray(p) ? toArrayLiteral(p) : p)),
                  withByteaSerializer(options) as never,
                ),
              );
            } catch (error) {
              throw asConstraintError(error);
            }
          };
        }
        const value = Reflect.get(obj, prop, receiver);
        return typeof value === "function" ? value.bind(obj) : value;
      },
    });
  const wrapped = wrapQueryable(lite);
  return new Proxy(wrapped, {
    get(obj, prop, receiver) {
      if (prop === "transaction") {
        return <R>(fn: (tx: Transaction) => Promise<R>) => lite.transaction((tx) => fn(wrapQueryable(tx)));
      }
      return Reflect.get(obj, prop, receiver);
    },
  });
}

const BYTEA_OID = 17;
const UUID_ARRAY_OID = 2951;
const TEXT_ARRAY_OID = 1009;

/** The adapter has no column type for uuid[] (Event.audienceTerritoryIds) and refuses the row; PGlite already parsed it to strings, as text[]. */
function uuidArraysAsText<T extends { fields?: { dataTypeID: number }[] }>(result: T): T {
  if (!result.fields?.some((f) => f.dataTypeID === UUID_ARRAY_OID)) return result;
  return {
    ...result,
    fields: result.fields.map((f) => (f.dataTypeID === UUID_ARRAY_OID ? { ...f, dataTypeID: TEXT_ARRAY_OID } : f)),
  };
}

function withByteaSerializer(options: unknown): object {
  const given = (options ?? {}) as { serializers?: Record<number, (value: unknown) => string> };
  return { ...given, serializers: { ...given.serializers, [BYTEA_OID]: serializeBytea } };
}

/** A bytea parameter in PostgreSQL's hex form, from base64 text (Prisma) or bytes. */
function serializeBytea(value: unknown): string {
  const bytes =
    typeof value === "string"
      ? Buffer.from(value, "base64")
      : value instanceof Uint8Array
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
        : null;
  if (!bytes) throw new Error("Invalid input for bytea type");
  return `\\x${bytes.toString("hex")}`;
}

function isLiteralArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && !value.some((v) => v instanceof Uint8Array);
}

/** `["a", null, "b\"c"]` → `{"a",NULL,"b\"c"}`. */
export function toArrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return toArrayLiteral(v);
    const text = v instanceof Date ? v.toISOString() : String(v);
    return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}

/** The errors whose kind Prisma turns into its known codes (P2002, P2003, P2011, P2034), as @prisma/adapter-pg maps them. */
function asConstraintError(error: unknown): unknown {
  const failure = error as {
    code?: string;
    detail?: string;
    column?: string;
    constraint?: string;
    message?: string;
  } | null;
  const fields = failure?.detail
    ?.match(/Key \(([^)]+)\)/)
    ?.at(1)
    ?.split(", ");
  const original = { originalCode: failure?.code ?? "", originalMessage: failure?.message ?? "" };
  switch (failure?.code) {
    case "23505":
      return new DriverAdapterError({
        ...original,
        kind: "UniqueConstraintViolation",
        constraint: fields ? { fields } : undefined,
      });
    case "23502":
      return new DriverAdapterError({
        ...original,
        kind: "NullConstraintViolation",
        constraint: fields ? { fields } : undefined,
      });
    case "23503":
      return new DriverAdapterError({
        ...original,
        kind: "ForeignKeyConstraintViolation",
        constraint: failure.column
          ? { fields: [failure.column] }
          : failure.constraint
            ? { index: failure.constraint }
            : undefined,
      });
    case "40001":
      return new DriverAdapterError({ ...original, kind: "TransactionWriteConflict" });
    default:
      return error;
  }
}
