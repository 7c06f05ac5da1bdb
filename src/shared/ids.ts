import { z } from "zod";

const uuid = z.uuid();

/** Whether `value` is a UUID, as row ids are: checked before a lookup so a stray id is "not found", not a database error. */
export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}
