import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryOutcome, DeliveryTarget } from "../../src/core/channel.ts";
import type { Platform } from "../../src/core/inbound.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { Role } from "../../src/core/roles.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { broadcastViews, refreshBroadcastProgress } from "../../src/features/broadcasts/feature.ts";
import { action, choiceIds, createTestBot, form, silentLog, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local", "telegram"] });
});
afterAll(() => bot.close());

let accounts = 0;
/** A member created straight in the database, with one Telegram account (`telegram-<n>`). */
async function addMember(name: string, o: { roles?: Role[]; muted?: string[]; platform?: Platform } = {}) {
  const member = await bot.db.prisma.member.create({
    data: {
      networkId: bot.networkId,
      displayName: name,
      roles: o.roles ?? ["HEALTH_COMMITTEE"],
      status: "ACTIVE",
      mutedCategories: o.muted ?? [],
    },
  });
  const externalId = `${o.platform ?? "telegram"}-${++accounts}`;
  await bot.db.prisma.platformIdentity.create({
    data: { networkId: bot.networkId, memberId: member.id, platform: o.platform ?? "telegram", externalId },
  });
  return { ...member, externalId };
}

interface Call {
  kind: "deliver" | "edit";
  platform: Platform;
  to: string;
  text: string;
  messageId: string;
}

/** A platform that records what it is asked to deliver and edit; `refuse` picks recipients whose delivery fails for good. */
function fakePlatform(
  platform: Platform,
  calls: Call[],
  refuse: (target: DeliveryTarget) => string | undefined = () => undefined,
) {
  let n = 0;
  return {
    platform,
    deliver: async (target: DeliveryTarget, reply: Reply): Promise<DeliveryOutcome> => {
      const messageId = `${platform}-${++n}`;
      calls.push({ kind: "deliver", platform, to: target.id, text: reply.text, messageId });
      const reason = refuse(target);
      return reason ? { kind: "failed", reason } : { kind: "sent", platformMessageId: messageId };
    },
    edit: async (target: DeliveryTarget, messageId: string, reply: Reply): Promise<DeliveryOutcome> => {
      calls.push({ kind: "edit", platform, to: target.id, text: reply.text, messageId });
      return { kind: "sent", platformMessageId: messageId };
    },
  };
}

/** A sender per platform, as in production: deliveries, then the progress refresh after each round. */
function senders(calls: Call[], refuse?: (target: DeliveryTarget) => string | undefined) {
  return (["local", "telegram"] as const).map((platform) => {
    const adapter = fakePlatform(platform, calls, refuse);
    return createDeliveryWorker({
      db: bot.db.prisma,
      adapter,
      log: silentLog,
      now: bot.now,
      batchSize: 2,
      views: broadcastViews,
      afterRound: () => refreshBroadcastProgress(bot.db.prisma, adapter, bot.now()),
    });
  });
}

/** Rounds of every sender, three seconds apart, until nothing is left to send. */
async function deliverAll(workers: ReturnType<typeof senders>, rounds = 30) {
  for (let i = 0; i < rounds; i++) {
    bot.setNow(new Date(bot.now().getTime() + 3_000));
    for (const w of workers) await w.runOnce();
  }
}

const submit = (values: Record<string, string | string[]>) =>
  bot.send(
    "demo-coordinator",
    form("broadcast", {
      message: "Commission santé jeudi 14 h à Montauban, salle du conseil.",
      urgent: "no",
      roles: ["HEALTH_COMMITTEE"],
      ...values,
    }),
  );

/** Previews and confirms a broadcast as the network coordinator; returns its id and the confirmation. */
async function broadcast(values: Record<string, string | string[]> = {}) {
  const [ok] = choiceIds(await submit(values));
  const id = ok!.split(":")[1]!;
  return { id, confirmation: await bot.text("demo-coordinator", action(ok!)) };
}

beforeEach(async () => {
  await bot.db.prisma.outboundMessage.deleteMany();
  await bot.db.prisma.broadcast.deleteMany();
  await bot.db.prisma.member.deleteMany({
    where: { roles: { has: "HEALTH_COMMITTEE" }, displayName: { not: "Nathalie Bousquet" } },
  });
  bot.setNow(new Date("2026-11-23T09:00:00Z"));
});

describe("sending a broadcast", () => {
  it("two presses on confirm send one broadcast: one message per recipient, and one progress message", async () => {
    for (const name of ["MSP de Valence", "CPTS Quercy Garonne", "CH de Montauban"]) await addMember(name);
    const [ok] = choiceIds(await submit({}));
    const answers = await Promise.all([
      bot.text("demo-coordinator", action(ok!)),
      bot.text("demo-coordinator", action(ok!)),
    ]);
    expect(answers.sort()).toEqual([
      "Cette diffusion est déjà partie : elle ne sera pas envoyée deux fois. Tapez « diffusions » pour suivre son envoi.",
      "C’est parti : envoi à 4 membres. La progression s’affiche ci-dessous et se met à jour ; le rapport suivra.",
    ]);
    const rows = await bot.db.prisma.outboundMessage.findMany({ orderBy: { idempotencyKey: "asc" } });
    expect(rows.filter((r) => r.category === "broadcast")).toHaveLength(4);
    expect(rows.filter((r) => r.category === "progress")).toMatchObject([
      { platform: "local", targetId: "demo-coordinator", urgent: true },
    ]);
    expect(await bot.db.prisma.broadcast.findFirstOrThrow()).toMatchObject({
      status: "SENDING",
      recipients: 4,
      muted: 0,
      unreachable: 0,
    });

    const calls: Call[] = [];
    await deliverAll(senders(calls));
    const received = calls.filter((c) => c.kind === "deliver" && c.text.startsWith("📣"));
    expect(received.map((c) => c.to).sort()).toEqual(["demo-health", "telegram-1", "telegram-2", "telegram-3"]);
    expect(received[0]!.text).toBe(
      "📣 Message de Sophie Delmas :\nCommission santé jeudi 14 h à Montauban, salle du conseil.",
    );
  });

  it("members who muted broadcasts are skipped, unless the broadcast is urgent", async () => {
    const muted = await addMember("Élue en sourdine", { muted: ["broadcast"] });
    await addMember("MSP de Moissac");
    const quiet = await broadcast();
    expect(quiet.confirmation).toContain("envoi à 2 membres");
    expect(await bot.db.prisma.outboundMessage.count({ where: { memberId: muted.id } })).toBe(0);
    expect(await bot.db.prisma.broadcast.findUniqueOrThrow({ where: { id: quiet.id } })).toMatchObject({
      recipients: 2,
      muted: 1,
    });

    const urgent = await broadcast({ urgent: "yes", message: "Réunion annulée : salle inondée." });
    expect(urgent.confirmation).toContain("envoi à 3 membres");
    const row = await bot.db.prisma.outboundMessage.findFirstOrThrow({
      where: { memberId: muted.id, causeId: urgent.id },
    });
    expect(row).toMatchObject({ urgent: true, category: "broadcast" });
    const calls: Call[] = [];
    await deliverAll(senders(calls));
    expect(calls.filter((c) => c.to === muted.externalId).map((c) => c.text)).toEqual([
      "🚨 Message urgent de Sophie Delmas :\nRéunion annulée : salle inondée.",
    ]);
  });

  it("a non-urgent broadcast confirmed at 21:30 waits for 08:00 Paris; an urgent one goes at once", async () => {
    await addMember("MSP de Valence");
    bot.setNow(new Date("2026-11-23T20:30:00Z"));
    const evening = await broadcast();
    const rows = await bot.db.prisma.outboundMessage.findMany({
      where: { causeId: evening.id, category: "broadcast" },
    });
    expect(rows.map((r) => r.notBefore.toISOString())).toEqual([
      "2026-11-24T07:00:00.000Z",
      "2026-11-24T07:00:00.000Z",
    ]);
    const urgent = await broadcast({ urgent: "yes" });
    const urgentRows = await bot.db.prisma.outboundMessage.findMany({
      where: { causeId: urgent.id, category: "broadcast" },
    });
    expect(urgentRows.map((r) => r.notBefore.toISOString())).toEqual([
      "2026-11-23T20:30:00.000Z",
      "2026-11-23T20:30:00.000Z",
    ]);

    const calls: Call[] = [];
    const workers = senders(calls);
    await deliverAll(workers, 3);
    expect(
      calls.filter((c) => c.kind === "deliver" && c.to === "demo-coordinator" && c.text.startsWith("📊")),
    ).toHaveLength(2);
    expect(calls.filter((c) => c.text.startsWith("📣"))).toEqual([]);
    expect(calls.find((c) => c.text.includes("attendent la fin des heures calmes"))?.text).toContain(
      "2 messages attendent la fin des heures calmes de leurs destinataires.",
    );
    bot.setNow(new Date("2026-11-24T06:59:45Z"));
    await deliverAll(workers, 10);
    expect(calls.filter((c) => c.text.startsWith("📣"))).toHaveLength(2);
  });
});

describe("progress and report", () => {
  it("the sender's progress message is edited in place as counts change, then the report names each failure once", async () => {
    const members = [];
    for (let i = 1; i <= 7; i++) members.push(await addMember(`Membre ${i} de la commission`));
    const blocked = members[3]!;
    await addMember("Compte supprimé", {});
    const gone = (
      await bot.db.prisma.platformIdentity.findFirstOrThrow({ where: { member: { displayName: "Compte supprimé" } } })
    ).externalId;
    const { id } = await broadcast();
    const calls: Call[] = [];
    const refuse = (t: DeliveryTarget) =>
      t.id === blocked.externalId
        ? "Telegram 403: Forbidden: bot was blocked by the user"
        : t.id === gone
          ? "Telegram 400: Bad Request: chat not found"
          : undefined;
    const workers = senders(calls, refuse);
    await deliverAll(workers);

    const toSender = calls.filter((c) => c.to === "demo-coordinator");
    const delivered = toSender.filter((c) => c.kind === "deliver");
    expect(delivered).toHaveLength(2);
    const [progress, report] = delivered;
    expect(progress!.text).toMatch(/^📊 Diffusion « Commission santé jeudi 14 h à Montauban… »\n/);
    const edits = toSender.filter((c) => c.kind === "edit");
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.every((e) => e.messageId === progress!.messageId)).toBe(true);
    // Each edit says something new.
    const shown = [progress!.text, ...edits.map((e) => e.text)];
    for (let i = 1; i < shown.length; i++) expect(shown[i]).not.toBe(shown[i - 1]);
    expect(edits.at(-1)!.text).toBe(
      "📊 Diffusion « Commission santé jeudi 14 h à Montauban… »\nEnvoyés : 7 · En attente : 0 · Échecs : 2 · Annulés : 0\nTerminé : le rapport suit.",
    );
    expect(report!.text).toMatch(
      /^📋 Rapport de la diffusion « Commission santé jeudi 14 h à Montauban… »\nReçue par 7 membres\.\n2 envois ont échoué :\n/,
    );
    expect(report!.text).toContain(
      `• ${blocked.displayName} (Telegram) : a bloqué le bot ou fermé ses messages privés`,
    );
    expect(report!.text).toContain("• Compte supprimé (Telegram) : compte supprimé ou introuvable");
    expect(report!.text).toMatch(/Durée de l’envoi : \d+ s\./);
    expect(report!.messageId).not.toBe(progress!.messageId);
    expect(await bot.db.prisma.broadcast.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "DONE" });

    // Nothing more once done: no edit, no second report.
    const before = calls.length;
    await deliverAll(workers, 5);
    expect(calls.length).toBe(before);
    // Every recipient got the message once.
    const recipients = calls.filter((c) => c.text.startsWith("📣")).map((c) => c.to);
    expect(recipients.length).toBe(new Set(recipients).size);
    expect(recipients).toHaveLength(9);
  });

  it("the progress message is not edited more than once in two seconds", async () => {
    for (let i = 1; i <= 4; i++) await addMember(`Élu ${i}`);
    await broadcast();
    const calls: Call[] = [];
    const [local, telegram] = senders(calls);
    await local!.runOnce();
    const progress = calls.find((c) => c.to === "demo-coordinator")!;
    await telegram!.runOnce();
    await local!.runOnce();
    // The counts changed, but the progress message was sent an instant ago.
    expect(calls.filter((c) => c.kind === "edit")).toEqual([]);
    bot.setNow(new Date(bot.now().getTime() + 2_500));
    await local!.runOnce();
    expect(calls.filter((c) => c.kind === "edit")).toMatchObject([{ messageId: progress.messageId }]);
  });

  it("a member who mutes broadcasts after it was queued is not sent it, and the report counts them as muted", async () => {
    const late = await addMember("Mute tardif");
    await addMember("Reste abonné");
    await broadcast();
    await bot.send({ user: late.externalId, platform: "telegram" }, action("mute:t:broadcast"));
    const calls: Call[] = [];
    await deliverAll(senders(calls));
    expect(calls.filter((c) => c.to === late.externalId && c.text.startsWith("📣"))).toEqual([]);
    const report = calls.find((c) => c.text.startsWith("📋"))!;
    expect(report.text).toContain("Reçue par 2 membres.");
    expect(report.text).toContain("Non envoyée à 1 membre qui a mis les diffusions en sourdine.");
  });

  it("the sender lists their broadcasts and opens a report from the list", async () => {
    await addMember("MSP de Valence");
    const { id } = await broadcast();
    await deliverAll(senders([]));
    const [list] = await bot.send("demo-coordinator", "diffusions");
    expect(list!.text).toContain("Vos dernières diffusions (1) :");
    expect(list!.text).toContain("« Commission santé jeudi 14 h à… » — terminée — 2 destinataires, 2 reçus, 0 échecs");
    expect(list!.choices!.map((c) => c.id)).toEqual([`bc.report:${id}`]);
    expect(await bot.text("demo-coordinator", action(`bc.report:${id}`))).toContain("Reçue par 2 membres.");
    expect(await bot.text("demo-cls", action(`bc.report:${id}`))).toContain("seule cette personne");
    expect(await bot.text("demo-coordinator", action(`bc.confirm:${id}`))).toContain("déjà partie");
  });
});
