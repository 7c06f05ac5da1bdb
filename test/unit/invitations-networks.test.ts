import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvitation } from "../../src/features/invitations/issue.ts";
import { action, choiceIds, createTestBot, type Speaker, type TestBot } from "../support/bot.ts";
import { codeIn } from "./invitations-support.ts";

let bot: TestBot;
let otherNetworkId: string;
beforeAll(async () => {
  bot = await createTestBot();
  // A second network in the same deployment, bound to nothing: its members come by invitation.
  const other = await bot.db.prisma.network.create({
    data: { slug: "charente-maritime", name: "Réseau de la Charente-Maritime" },
  });
  otherNetworkId = other.id;
});
afterAll(() => bot.close());

const telegram = (user: string, name = user): Speaker => ({
  platform: "telegram",
  user,
  name,
  scope: "private",
  conversation: "private",
  forms: "steps",
});
const invite = async (networkId: string, maxUses = 1) =>
  (await issueInvitation(bot.db.prisma, { networkId, role: "DIGITAL_ADVISER", maxUses, days: 14, now: bot.now() }))
    .code;

describe("networks without DEFAULT_NETWORK", () => {
  it("someone writing in a private chat no network is bound to, without an invitation, is told to ask for a link", async () => {
    expect(await bot.text(telegram("1001"), "bonjour")).toBe(
      "Bonjour ! Ce bot sert les réseaux de partenaires d’un département, et ce compte n’est encore membre d’aucun. Demandez à votre coordinateur un lien d’invitation, puis ouvrez-le (ou tapez « rejoindre <code> »).",
    );
    expect(await bot.text({ ...telegram("1002"), localeHint: "en" }, "/start")).toContain(
      "Ask your coordinator for an invitation link",
    );
    expect(await bot.db.prisma.platformIdentity.count({ where: { platform: "telegram" } })).toBe(0);
  });

  it("a Telegram deep link `start inv-<code>` makes a newcomer a member of the invitation's network; their messages stay in it", async () => {
    const code = await invite(otherNetworkId);
    const first = await bot.send(telegram("2001", "Inès Martin"), `start inv-${code}`);
    expect(first[0]!.text).toBe(
      "Bienvenue dans le réseau « Réseau de la Charente-Maritime » ! Vous le rejoignez comme conseiller numérique.",
    );
    expect(choiceIds(first)).toEqual(["onb.language:fr", "onb.language:en"]);
    const member = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "telegram", externalId: "2001" } } },
    });
    expect(member).toMatchObject({
      networkId: otherNetworkId,
      roles: ["DIGITAL_ADVISER"],
      status: "ONBOARDING",
      displayName: "Inès Martin",
    });
    // The next private messages resolve to that network through the identity: its (empty) organisation list is offered.
    const next = await bot.send(telegram("2001"), action("onb:language:fr"));
    expect(choiceIds(next)).toEqual(["onb.organisation:none"]);
    const territory = await bot.send(telegram("2001"), action("onb:organisation:none"));
    expect(await bot.text(telegram("2001"), action(choiceIds(territory)[0]!))).toContain(
      "Votre rôle : conseiller numérique.",
    );
    expect(await bot.text(telegram("2001"), "membres")).toContain("réservée aux coordinateurs du réseau");
  });

  it("a member of another network is told the invitation is for another network", async () => {
    const code = await invite(otherNetworkId);
    expect(await bot.text("demo-adviser", `rejoindre ${code}`)).toBe(
      "Cette invitation est celle d’un autre réseau que le vôtre : elle ne peut pas servir à ce compte. Demandez à votre coordinateur une invitation de votre réseau.",
    );
    expect(await bot.db.prisma.invitation.findUniqueOrThrow({ where: { code } })).toMatchObject({ uses: 0 });
  });

  it("someone who only said hello in another network's conversation moves to the invitation's network", async () => {
    await bot.send("passer-by", "bonjour"); // the local chat is bound to Tarn-et-Garonne: a placeholder member there
    const code = await invite(otherNetworkId);
    expect(await bot.text("passer-by", `rejoindre ${code}`)).toContain(
      "Bienvenue dans le réseau « Réseau de la Charente-Maritime »",
    );
    const members = await bot.db.prisma.member.findMany({
      where: { identities: { some: { platform: "local", externalId: "passer-by" } } },
    });
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ networkId: otherNetworkId, roles: ["DIGITAL_ADVISER"] });
  });

  it("two people opening the last use at the same instant: exactly one joins", async () => {
    const code = await invite(otherNetworkId, 2);
    await bot.send(telegram("3000"), `start inv-${code}`);
    const answers = await Promise.all([
      bot.text(telegram("3001"), `/start inv-${code}`),
      bot.text(telegram("3002"), `rejoindre ${code}`),
    ]);
    expect(answers.filter((a) => a.startsWith("Bienvenue"))).toHaveLength(1);
    expect(
      answers.filter(
        (a) =>
          a ===
          "Cette invitation a déjà servi autant de fois que prévu. Demandez un nouveau lien à votre coordinateur.",
      ),
    ).toHaveLength(1);
    expect(await bot.db.prisma.invitation.findUniqueOrThrow({ where: { code } })).toMatchObject({ uses: 2 });
    expect(await bot.db.prisma.invitationUse.count({ where: { invitation: { code } } })).toBe(2);
    expect(
      await bot.db.prisma.platformIdentity.count({
        where: { platform: "telegram", externalId: { in: ["3001", "3002"] } },
      }),
    ).toBe(1);
  });

  it("on Slack (`/reseau rejoindre <code>` in an unattached workspace) and in a Discord direct message, the code joins too", async () => {
    const code = await invite(otherNetworkId, 2);
    const slack: Speaker = { platform: "slack", user: "T9:U1", name: "Zoé", scope: "T9", conversation: "group" };
    expect(await bot.text(slack, `rejoindre ${code}`)).toContain(
      "Bienvenue dans le réseau « Réseau de la Charente-Maritime »",
    );
    const discord: Speaker = {
      platform: "discord",
      user: "998877",
      name: "Yann",
      scope: "private",
      conversation: "private",
    };
    expect(await bot.text(discord, `rejoindre ${code}`)).toContain(
      "Bienvenue dans le réseau « Réseau de la Charente-Maritime »",
    );
    const joined = await bot.db.prisma.platformIdentity.findMany({
      where: { externalId: { in: ["T9:U1", "998877"] } },
      select: { networkId: true },
    });
    expect(joined).toEqual([{ networkId: otherNetworkId }, { networkId: otherNetworkId }]);
  });

  it("a coordinator of another network cannot revoke this network's invitation", async () => {
    const code = codeIn(await bot.send("demo-coordinator", "inviter partenaire"));
    const invitation = await bot.db.prisma.invitation.findUniqueOrThrow({ where: { code } });
    await bot.db.prisma.member.updateMany({
      where: { identities: { some: { platform: "telegram", externalId: "2001" } } },
      data: { roles: ["NETWORK_COORDINATOR"] },
    });
    expect(await bot.text(telegram("2001"), action(`invrev:${invitation.id}`))).toBe(
      "Cette invitation n’existe pas dans votre réseau.",
    );
    expect(await bot.db.prisma.invitation.findUniqueOrThrow({ where: { code } })).toMatchObject({ revokedAt: null });
    expect((await bot.send(telegram("2001"), "invitations")).some((r) => r.text.includes(code))).toBe(false);
  });

  it("a coordinator's invitation in the first network joins a Telegram newcomer to it, not to the other", async () => {
    const code = codeIn(await bot.send("demo-coordinator", "inviter partenaire"));
    await bot.send(telegram("4001"), `start inv-${code}`);
    const member = await bot.db.prisma.member.findFirstOrThrow({
      where: { identities: { some: { platform: "telegram", externalId: "4001" } } },
    });
    expect(member).toMatchObject({ networkId: bot.networkId, roles: ["PARTNER"] });
  });
});
