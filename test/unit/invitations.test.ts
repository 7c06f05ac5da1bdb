import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, choiceIds, createTestBot, type TestBot } from "../support/bot.ts";
import { adminInvite, codeIn, deliverLocal } from "./invitations-support.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

const memberOf = (user: string) =>
  bot.db.prisma.member.findFirstOrThrow({ where: { identities: { some: { platform: "local", externalId: user } } } });

describe("invitations from the administration command line", () => {
  it("prints the code and how to use it on each configured platform; a newcomer joins with it as coordinator, no approval", async () => {
    const made = await adminInvite(bot, ["tarn-et-garonne", "--role", "coordinateur du réseau"], {
      TELEGRAM_BOT_TOKEN: "123:abc",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
    });
    expect(made.code).toBe(0);
    const code = made.invitationCode!;
    expect(made.out).toContain("as NETWORK_COORDINATOR: 1 use(s)");
    expect(made.out).toContain(`Telegram : envoyer « /start inv-${code} » au bot`);
    expect(made.out).toContain(`Slack : « /reseau rejoindre ${code} »`);
    expect(made.out).toContain(`Chat web : « rejoindre ${code} »`);
    expect(made.out).not.toContain("Discord");
    const invitation = await bot.db.prisma.invitation.findUniqueOrThrow({ where: { code } });
    expect(invitation).toMatchObject({
      role: "NETWORK_COORDINATOR",
      maxUses: 1,
      uses: 0,
      createdById: null,
      createdVia: "admin-cli",
    });
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBe(14 * 24 * 3600 * 1000);

    const joined = await bot.send("first-coordinator", `rejoindre ${code}`);
    expect(joined[0]!.text).toBe(
      "Bienvenue dans le réseau « Réseau des partenaires du Tarn-et-Garonne » ! Vous le rejoignez comme coordinateur du réseau.",
    );
    expect(choiceIds(joined)).toEqual(["onb.language:fr", "onb.language:en"]);
    // The role is not asked: after the language comes the organisation.
    const organisations = await bot.send("first-coordinator", action("onb:language:fr"));
    expect(choiceIds(organisations)[0]).toMatch(/^onb\.organisation:/);
    const territories = await bot.send("first-coordinator", action(choiceIds(organisations).at(-1)!));
    const done = await bot.text("first-coordinator", action(choiceIds(territories)[0]!));
    expect(done).toBe(
      "Merci, votre profil est créé. Votre rôle : coordinateur du réseau. Tapez « aide » pour voir ce que vous pouvez faire.",
    );
    expect(await memberOf("first-coordinator")).toMatchObject({ roles: ["NETWORK_COORDINATOR"], status: "ACTIVE" });
    expect(await bot.db.prisma.roleRequest.count({ where: { member: { displayName: "first-coordinator" } } })).toBe(0);
    expect(await bot.text("first-coordinator", "membres")).toContain("membres");
    expect(await bot.db.prisma.invitationUse.count({ where: { invitationId: invitation.id } })).toBe(1);
  });

  it("refuses an unknown network, role or organisation and bad limits", async () => {
    expect((await adminInvite(bot, ["nowhere", "--role", "partenaire"])).err).toContain('No network "nowhere"');
    expect((await adminInvite(bot, ["tarn-et-garonne", "--role", "astronaute"])).err).toContain(
      'Unknown role "astronaute"',
    );
    expect(
      (await adminInvite(bot, ["tarn-et-garonne", "--role", "PARTNER", "--organisation", "Nulle Part"])).err,
    ).toContain('No organisation "Nulle Part"');
    expect((await adminInvite(bot, ["tarn-et-garonne", "--role", "PARTNER", "--uses", "0"])).err).toContain(
      "--uses must be",
    );
    expect((await adminInvite(bot, ["tarn-et-garonne", "--role", "PARTNER", "--days", "999"])).err).toContain(
      "--days must be",
    );
    expect((await adminInvite(bot, ["tarn-et-garonne"])).code).toBe(2);
    expect((await adminInvite(bot, ["--help"])).out).toContain("Usage: npm run admin -- invite <slug>");
  });
});

describe("invitations from the chat", () => {
  it("a coordinator invites an adviser with uses and days; the adviser joins, and the coordinator is told", async () => {
    const replies = await bot.send("demo-coordinator", "inviter conseiller 2 utilisations 30 jours");
    expect(replies[0]!.text).toContain(
      "Invitation comme conseiller numérique : 2 utilisations, valable jusqu’au 23 décembre 2026",
    );
    expect(replies[0]!.text).toContain("Chat web : « rejoindre ");
    const code = codeIn(replies);
    expect(await bot.text("new-adviser", `rejoindre ${code}`)).toContain(
      "Vous le rejoignez comme conseiller numérique.",
    );
    const delivered = await deliverLocal(bot);
    expect(delivered).toEqual([
      {
        to: "demo-coordinator",
        text: "new-adviser a rejoint le réseau avec votre invitation, comme conseiller numérique.",
      },
    ]);
    expect(await bot.db.prisma.auditLog.count({ where: { action: "invitation.use" } })).toBeGreaterThan(0);
  });

  it("an invitation for an organisation skips the organisation question", async () => {
    const organisation = await bot.db.prisma.organisation.findFirstOrThrow({
      where: { networkId: bot.networkId },
      orderBy: { name: "asc" },
    });
    const code = codeIn(await bot.send("demo-coordinator", `inviter partenaire ${organisation.name}`));
    await bot.send("new-partner", `rejoindre ${code}`);
    const next = await bot.send("new-partner", action("onb:language:en"));
    expect(choiceIds(next)[0]).toMatch(/^onb\.territory:/);
    expect(await memberOf("new-partner")).toMatchObject({ roles: ["PARTNER"], organisationId: organisation.id });
  });

  it("an adviser may not invite, nor see or revoke invitations", async () => {
    expect(await bot.text("demo-adviser", "inviter partenaire")).toContain("réservée aux coordinateurs du réseau");
    expect(await bot.text("demo-adviser", "invitations")).toContain("réservée aux coordinateurs du réseau");
    const open = await bot.db.prisma.invitation.findFirstOrThrow({ where: { revokedAt: null } });
    expect(await bot.text("demo-adviser", action(`inv.revoke:${open.id}`))).toContain(
      "réservée aux coordinateurs du réseau",
    );
    expect(await bot.db.prisma.auditLog.count({ where: { action: "action:inv.revoke", outcome: "denied" } })).toBe(1);
  });

  it("an existing member gets the role added; one who has it already keeps the invitation unused", async () => {
    const code = codeIn(await bot.send("demo-coordinator", "inviter partenaire"));
    expect(await bot.text("demo-adviser", `rejoindre ${code}`)).toBe(
      "C’est fait : vous êtes maintenant aussi partenaire dans le réseau « Réseau des partenaires du Tarn-et-Garonne ».",
    );
    expect((await memberOf("demo-adviser")).roles).toEqual(["DIGITAL_ADVISER", "PARTNER"]);
    expect((await deliverLocal(bot)).map((d) => d.text)).toContain(
      "Julien Carrère est maintenant aussi partenaire, grâce à votre invitation.",
    );
    const second = codeIn(await bot.send("demo-coordinator", "inviter conseiller numérique"));
    expect(await bot.text("demo-adviser", `rejoindre ${second}`)).toBe(
      "Vous êtes déjà conseiller numérique dans ce réseau : l’invitation n’a pas été utilisée.",
    );
    expect(await bot.db.prisma.invitation.findUniqueOrThrow({ where: { code: second } })).toMatchObject({ uses: 0 });
  });

  it("lists open invitations and revokes one with its button (audited); the revoked code then says so", async () => {
    const code = codeIn(await bot.send("demo-coordinator", "inviter membre de la commission santé"));
    const list = await bot.send("demo-coordinator", "invitations");
    expect(list[0]!.text).toMatch(/^\d+ invitations ouvertes :$/);
    const line = list.find((r) => r.text.includes(code))!;
    expect(line.text).toContain("membre de la commission santé — 0/1 utilisée(s)");
    expect(line.text).toContain("par Sophie Delmas");
    const revokeId = line.choices![0]!.id;
    expect(await bot.text("demo-coordinator", action(revokeId))).toBe("Invitation révoquée : son code ne sert plus.");
    expect(await bot.text("demo-coordinator", action(revokeId))).toBe("Cette invitation était déjà révoquée.");
    expect(await bot.db.prisma.auditLog.count({ where: { action: "invitation.revoke" } })).toBe(1);
    expect((await bot.send("demo-coordinator", "invitations")).some((r) => r.text.includes(code))).toBe(false);
    expect(await bot.text("late-member", `rejoindre ${code}`)).toBe(
      "Cette invitation a été révoquée. Demandez un nouveau lien à votre coordinateur.",
    );
  });

  it("says why a code does not work: unknown, expired, used up, in French and in English", async () => {
    expect(await bot.text("stranger", "rejoindre AAAAAAAAAAAAAAAA")).toBe(
      "Ce code d’invitation n’existe pas. Vérifiez-le, ou demandez un nouveau lien à votre coordinateur.",
    );
    expect(await bot.text({ user: "stranger-en", localeHint: "en" }, "join AAAAAAAAAAAAAAAA")).toBe(
      "This invitation code does not exist. Check it, or ask your coordinator for a new link.",
    );
    const expiring = codeIn(await bot.send("demo-coordinator", "inviter partenaire 1 jour"));
    const used = codeIn(await bot.send("demo-coordinator", "inviter partenaire"));
    await bot.send("first-user", `rejoindre ${used}`);
    expect(await bot.text("second-user", `rejoindre ${used}`)).toBe(
      "Cette invitation a déjà servi autant de fois que prévu. Demandez un nouveau lien à votre coordinateur.",
    );
    expect(await bot.text({ user: "second-user-en", localeHint: "en" }, `join ${used}`)).toBe(
      "This invitation has already been used as many times as planned. Ask your coordinator for a new link.",
    );
    bot.setNow(new Date(bot.now().getTime() + 2 * 24 * 3600 * 1000));
    expect(await bot.text("third-user", `rejoindre ${expiring}`)).toBe(
      "Cette invitation a expiré. Demandez un nouveau lien à votre coordinateur.",
    );
    expect(await bot.text({ user: "third-user-en", localeHint: "en" }, `join ${expiring}`)).toBe(
      "This invitation has expired. Ask your coordinator for a new link.",
    );
    expect(await bot.text("third-user", "rejoindre")).toBe(
      "Tapez « rejoindre » suivi du code d’invitation que votre coordinateur vous a donné.",
    );
  });

  it("help shows coordinators how to invite and manage the network, and everyone how to join", async () => {
    const coordinator = await bot.text("demo-coordinator", "aide");
    for (const word of [
      "• inviter —",
      "• invitations —",
      "• rejoindre —",
      "• structure —",
      "• structures —",
      "• cible —",
    ])
      expect(coordinator).toContain(word);
    const adviser = await bot.text("demo-adviser", "aide");
    expect(adviser).toContain("• rejoindre —");
    expect(adviser).not.toContain("• inviter —");
    expect(await bot.text({ user: "demo-coordinator", localeHint: "en" }, "help")).toContain("inviter");
  });

  it("refuses bad options of `inviter` with a sentence", async () => {
    expect(await bot.text("demo-coordinator", "inviter")).toContain("Tapez « inviter » suivi du rôle");
    expect(await bot.text("demo-coordinator", "inviter astronaute")).toContain(
      "Je ne connais pas le rôle « astronaute",
    );
    expect(await bot.text("demo-coordinator", "inviter partenaire 900 utilisations")).toBe(
      "Une invitation sert de 1 à 500 fois.",
    );
    expect(await bot.text("demo-coordinator", "inviter partenaire Nulle Part")).toContain(
      "Je ne trouve pas la structure « Nulle Part »",
    );
  });
});
