// Issue 13, section 3, end to end: a network with no binding anywhere gets its first coordinators by an
// invitation made with the administration command line, used on the local web chat and on Telegram
// (the real grammY adapter polling the fake Bot API server). A coordinator on Telegram then invites
// an adviser from the chat (link and QR code); the adviser opens the deep link and is onboarded
// without a role request; the coordinator is told through the outbox and the Telegram sender.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botViews } from "../../src/bot.ts";
import { createDeliveryWorker, type DeliveryWorker } from "../../src/delivery/worker.ts";
import { createTelegramDriver, type TelegramHarness } from "../fakes/telegram/driver.ts";
import { action, choiceIds, createTestBot, type Speaker, silentLog, type TestBot } from "../support/bot.ts";
import { adminInvite } from "../unit/invitations-support.ts";

const SLUG = "charente-maritime";
const NETWORK = "Réseau des partenaires de la Charente-Maritime";
const text = (replies: { text: string }[]) => replies.map((r) => r.text).join("\n");

describe("invitations end to end: command line → web chat and Telegram → a coordinator invites from the chat", () => {
  let bot: TestBot;
  let telegram: TelegramHarness | undefined;
  let sender: DeliveryWorker;
  let networkId: string;

  beforeAll(async () => {
    bot = await createTestBot({
      platforms: ["local", "telegram"],
      botUsername: (p) => (p === "telegram" ? telegram?.adapter.botUsername?.() : undefined),
    });
    telegram = await createTelegramDriver(bot.dispatch);
    sender = createDeliveryWorker({
      db: bot.db.prisma,
      adapter: telegram.adapter,
      log: silentLog,
      now: bot.now,
      views: botViews,
    });
    const network = await bot.db.prisma.network.create({ data: { slug: SLUG, name: NETWORK } });
    networkId = network.id;
    await bot.db.prisma.territory.create({
      data: { networkId, kind: "DEPARTMENT", code: "17", name: "Charente-Maritime" },
    });
  });
  afterAll(async () => {
    await telegram?.close();
    await bot?.close();
  });

  const tg = () => telegram!;
  // The web chat of a deployment whose LOCAL_NETWORK is this network, which nothing binds yet.
  const web: Speaker = { user: "marie.leroy", name: "Marie Leroy", scope: SLUG };
  const memberOnTelegram = (person: string) =>
    bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "telegram", externalId: tg().externalId(person) } } },
    });

  it("the first coordinators join with the command line's invitation, on the web chat and on Telegram", async () => {
    const made = await adminInvite(bot, [SLUG, "--role", "NETWORK_COORDINATOR", "--uses", "2", "--days", "7"], {
      TELEGRAM_BOT_TOKEN: "1:x",
    });
    expect(made.code).toBe(0);
    const code = made.invitationCode!;
    expect(made.out).toContain(`Telegram : envoyer « /start inv-${code} » au bot`);

    // ── On the web chat: a sentence before the invitation, then `rejoindre <code>` ─────────────
    expect(await bot.text(web, "bonjour")).toContain("Demandez à votre coordinateur un lien d’invitation");
    const welcome = await bot.send(web, `rejoindre ${code}`);
    expect(welcome[0]!.text).toBe(
      `Bienvenue dans le réseau « ${NETWORK} » ! Vous le rejoignez comme coordinateur du réseau.`,
    );
    const organisations = await bot.send(web, action("onb:language:fr"));
    const territories = await bot.send(web, action(choiceIds(organisations).at(-1)!));
    expect(await bot.text(web, action(choiceIds(territories)[0]!))).toContain("Votre rôle : coordinateur du réseau.");

    // ── On Telegram: the deep link's `/start inv-<code>` ──────────────────────────────────────
    const first = await tg().send("paul", `/start inv-${code}`);
    expect(text(first)).toContain(`Bienvenue dans le réseau « ${NETWORK} »`);
    await tg().press("paul", "Français");
    await tg().press("paul", "Aucune de ces structures");
    expect(text(await tg().press("paul", "Charente-Maritime"))).toContain("Votre rôle : coordinateur du réseau.");
    expect(await memberOnTelegram("paul")).toMatchObject({
      networkId,
      roles: ["NETWORK_COORDINATOR"],
      status: "ACTIVE",
    });

    // Its two uses are taken: a third person hears so.
    expect(text(await tg().send("eve", `/start inv-${code}`))).toBe(
      "Cette invitation a déjà servi autant de fois que prévu. Demandez un nouveau lien à votre coordinateur.",
    );
    expect(await bot.db.prisma.roleRequest.count({ where: { networkId } })).toBe(0);
  });

  it("a coordinator invites an adviser from Telegram: link and QR code, the adviser joins, the coordinator is told", async () => {
    const photos = tg()
      .fake.callsOf("sendPhoto")
      .filter((c) => c.status === 200).length;
    const invited = text(await tg().send("paul", "inviter conseiller numérique"));
    expect(invited).toContain("Invitation comme conseiller numérique : 1 utilisation");
    const link = /https:\/\/t\.me\/reseau_test_bot\?start=(inv-[A-Za-z0-9_-]+)/.exec(invited);
    expect(link).not.toBeNull();
    expect(
      tg()
        .fake.callsOf("sendPhoto")
        .filter((c) => c.status === 200),
    ).toHaveLength(photos + 1); // the QR code

    const joined = await tg().send("lucie", `/start ${link![1]}`);
    expect(text(joined)).toContain("Vous le rejoignez comme conseiller numérique.");
    await tg().press("lucie", "Français");
    await tg().press("lucie", "Aucune de ces structures");
    expect(text(await tg().press("lucie", "Charente-Maritime"))).toContain("Votre rôle : conseiller numérique.");
    expect(await memberOnTelegram("lucie")).toMatchObject({ networkId, roles: ["DIGITAL_ADVISER"], status: "ACTIVE" });

    const mark = tg().fake.calls.length;
    expect(await sender.runOnce()).toBe(1);
    expect(
      tg()
        .fake.sentMessages(tg().user("paul").id, mark)
        .map((m) => m.text),
    ).toEqual(["Lucie Test a rejoint le réseau avec votre invitation, comme conseiller numérique."]);

    // An adviser cannot invite.
    expect(text(await tg().send("lucie", "inviter partenaire"))).toContain("réservée aux coordinateurs du réseau");
  });
});
