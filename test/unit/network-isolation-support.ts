import type { Reply } from "../../src/core/reply.ts";
import { computeIndicators } from "../../src/features/indicators/compute.ts";
import { action, form, type Speaker, type TestBot } from "../support/bot.ts";
import { inviteFromCommandLine, SLUG_17 } from "../support/department-17.ts";
import { codeIn } from "./invitations-support.ts";

/** The id of the choice a member would press, by its label. */
export function choiceOf(replies: Reply[], label: string): string {
  const found = replies.flatMap((r) => r.choices ?? []).find((c) => c.label === label);
  if (!found)
    throw new Error(
      `no choice “${label}” in ${JSON.stringify(replies.map((r) => [r.text, r.choices?.map((c) => c.label)]))}`,
    );
  return found.id;
}

export const joined = (replies: Reply[]) => replies.map((r) => r.text).join("\n");

/** Members of the 17 on its local web chat (a deployment with LOCAL_NETWORK=charente-maritime). */
export const coordinator17: Speaker = { user: "cm-coordinator", name: "Marie Leroy", scope: SLUG_17 };
export const adviser17: Speaker = { user: "cm-adviser", name: "Lucie Martin", scope: SLUG_17 };

/** The 17's first coordinator by the command line's invitation, then an adviser invited from the chat. */
export async function joinCharenteMaritime(bot: TestBot): Promise<void> {
  const { code } = await inviteFromCommandLine(bot.db, [SLUG_17, "--role", "NETWORK_COORDINATOR"]);
  await join(bot, coordinator17, code, "Département de la Charente-Maritime", "Charente-Maritime");
  const invited = await bot.send(coordinator17, "inviter conseiller numérique");
  await join(bot, adviser17, codeIn(invited), "Médiathèque Michel-Crépeau", "CA de La Rochelle");
}

async function join(bot: TestBot, who: Speaker, code: string, organisation: string, territory: string): Promise<void> {
  await bot.send(who, `rejoindre ${code}`);
  const organisations = await bot.send(who, action("onb:language:fr"));
  const territories = await bot.send(who, action(choiceOf(organisations, organisation)));
  const done = joined(await bot.send(who, action(choiceOf(territories, territory))));
  if (!done.includes("Votre rôle")) throw new Error(`${who.user} did not finish joining: ${done}`);
}

/** A quick entry confirmed as the adviser would, choosing `place` when the bot asks which one. */
export async function reportActivity(bot: TestBot, who: string | Speaker, line: string, place?: string): Promise<void> {
  let draft = await bot.send(who, line);
  if (place) draft = await bot.send(who, action(choiceOf(draft, place)));
  const saved = joined(await bot.send(who, action(choiceOf(draft, "Confirmer"))));
  if (!saved.startsWith("Activité enregistrée")) throw new Error(`not saved: ${saved}`);
}

/** A broadcast submitted with the coordinator's form (values override "everyone"). */
export const broadcastForm = (message: string, values: Record<string, string | string[]> = {}) =>
  form("broadcast", {
    message,
    urgent: "no",
    roles: [],
    territory: "",
    organisation: "",
    group: "",
    platform: "",
    ...values,
  });

/** An event created with the coordinator's form. */
export const eventForm = (title: string, date: string, place: string) =>
  form("evtnew", {
    title,
    type: "HEALTH_FORUM",
    date,
    start: "14h",
    end: "17h",
    place,
    onlineUrl: "",
    capacity: "50",
    waitlist: "no",
    closes: "",
    roles: [],
    ficheActionId: "",
    questions: "",
  });

/** A network's indicators on the test's day, as the board and the export compute them. */
export async function indicatorValues(bot: TestBot, networkId: string): Promise<Record<string, number>> {
  const rows = await computeIndicators(bot.db.prisma, {
    networkId,
    window: { today: { year: 2026, month: 11, day: 23 } },
  });
  return Object.fromEntries(rows.map((r) => [`${r.fiche.code} ${r.label}`, r.value]));
}
