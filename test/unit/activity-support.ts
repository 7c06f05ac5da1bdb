import type { Prisma } from "@prisma/client";
import type { Reply } from "../../src/core/reply.ts";
import type { TestBot } from "../support/bot.ts";

/** The id of a seeded member by its demo key's role. */
export async function memberId(bot: TestBot, externalId: string): Promise<string> {
  const identity = await bot.db.prisma.platformIdentity.findFirstOrThrow({ where: { platform: "local", externalId } });
  return identity.memberId;
}

export async function organisationId(bot: TestBot, nameStart: string): Promise<string> {
  return (
    await bot.db.prisma.organisation.findFirstOrThrow({
      where: { networkId: bot.networkId, name: { startsWith: nameStart } },
    })
  ).id;
}

export async function communeId(bot: TestBot, name: string): Promise<string> {
  return (
    await bot.db.prisma.territory.findFirstOrThrow({ where: { networkId: bot.networkId, kind: "COMMUNE", name } })
  ).id;
}

/** A report written straight to the database (another member's, or an old one). */
export async function insertReport(
  bot: TestBot,
  member: string,
  data: Partial<Prisma.ActivityReportUncheckedCreateInput> = {},
): Promise<string> {
  const row = await bot.db.prisma.activityReport.create({
    data: {
      networkId: bot.networkId,
      memberId: member,
      kind: "INDIVIDUAL",
      date: new Date("2026-11-20"),
      durationMin: 60,
      place: "REMOTE",
      themes: ["email"],
      ...data,
    },
  });
  return row.id;
}

/** The choices offered in replies, by label. */
export function choiceByLabel(replies: Reply[], label: string): string {
  const choice = replies.flatMap((r) => r.choices ?? []).find((c) => c.label === label);
  if (!choice) throw new Error(`no button "${label}" in: ${JSON.stringify(replies.map((r) => r.choices))}`);
  return choice.id;
}

/** The form among replies, with its fields by name. */
export function formOf(replies: Reply[]) {
  const form = replies.find((r) => r.form)?.form;
  if (!form) throw new Error(`no form in: ${JSON.stringify(replies)}`);
  return { ...form, byName: Object.fromEntries(form.fields.map((f) => [f.name, f])) };
}
