import { z } from "zod";

/** A local chat user id, as typed in the page's user field. */
export const localUser = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.@-]+$/, { error: "must be 1 to 64 letters, digits or . _ - @" });
const user = localUser;

// A client may name its message so that a retry after a network error is not handled twice.
// Printable ASCII only: the id becomes part of a stored event id.
const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, { error: "must be 1 to 100 printable ASCII characters, without spaces" })
  .optional();
const textMessage = z.object({ user, id, text: z.string().max(4000) }).strict();
const actionMessage = z.object({ user, id, action: z.string().min(1).max(200) }).strict();
const formMessage = z
  .object({
    user,
    id,
    form: z.string().min(1).max(200),
    values: z.record(z.string(), z.union([z.string().max(4000), z.array(z.string().max(200)).max(50)])),
  })
  .strict();

export type LocalMessage = z.infer<typeof textMessage> | z.infer<typeof actionMessage> | z.infer<typeof formMessage>;

/**
 * Validates the body of `POST /api/local/messages`: a typed message, a pressed choice, or a
 * submitted form. The kind is read from the keys present, so the error names the field at fault.
 */
export function parseLocalMessage(body: unknown): { ok: true; message: LocalMessage } | { ok: false; reason: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      ok: false,
      reason: 'The body must be a JSON object: {"user", "text"}, {"user", "action"} or {"user", "form", "values"}.',
    };
  }
  const schema = "action" in body ? actionMessage : "form" in body ? formMessage : textMessage;
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, message: parsed.data };
  return {
    ok: false,
    reason: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
  };
}
