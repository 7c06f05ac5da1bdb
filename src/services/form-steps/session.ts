import type { Prisma } from "@prisma/client";
import type { Form } from "../../core/reply.ts";
import type { Db } from "../../db/database.ts";

/** A form being answered one question at a time, stored so that a restart loses nothing. */
export interface FormSession {
  form: Form;
  /** Index of the field being asked. */
  position: number;
  values: Record<string, string | string[]>;
}

const FLOW = "form";

export async function loadFormSession(db: Db, identityId: string): Promise<FormSession | undefined> {
  const row = await db.conversation.findUnique({ where: { identityId } });
  if (!row || row.flow !== FLOW) return undefined;
  const data = row.data as unknown as Omit<FormSession, "position">;
  return { form: data.form, values: data.values, position: Number(row.step) };
}

export async function saveFormSession(
  db: Db,
  networkId: string,
  identityId: string,
  session: FormSession,
): Promise<void> {
  const data = { form: session.form, values: session.values } as unknown as Prisma.InputJsonObject;
  await db.conversation.upsert({
    where: { identityId },
    create: { networkId, identityId, flow: FLOW, step: String(session.position), data },
    update: { flow: FLOW, step: String(session.position), data },
  });
}

export async function endFormSession(db: Db, identityId: string): Promise<void> {
  await db.conversation.deleteMany({ where: { identityId, flow: FLOW } });
}
