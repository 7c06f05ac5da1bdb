import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(() => bot.close());

describe("help, by role", () => {
  it("a digital adviser sees member commands but not the coordinator's", async () => {
    const help = await bot.text("demo-adviser", "aide");
    expect(help).toContain("Bonjour Julien Carrère");
    expect(help).toContain("• profil — voir votre profil");
    expect(help).not.toContain("membres");
    expect(help).not.toContain("demandes");
  });

  it("a network coordinator also sees members, requests, approve and refuse", async () => {
    const help = await bot.text("demo-coordinator", "aide");
    for (const word of ["• membres", "• demandes", "• valider", "• refuser"]) expect(help).toContain(word);
  });

  it("a member who chose English gets help in English, with English command words", async () => {
    const help = await bot.text("demo-intern", "help");
    expect(help).toMatch(/^Hello /);
    expect(help).toContain("• profile — see your profile");
  });

  it("typed with a slash or capitals, a command is still recognised", async () => {
    expect(await bot.text("demo-adviser", "/AIDE")).toContain("voici ce que vous pouvez faire");
  });
});

describe("refused commands", () => {
  it("a coordinator command typed by an adviser is refused, saying who may use it, and audited", async () => {
    const reply = await bot.text("demo-adviser", "membres");
    expect(reply).toBe(
      "Cette commande est réservée aux coordinateurs du réseau. Si vous en avez besoin, demandez à un coordinateur du réseau.",
    );
    const audit = await bot.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "members", outcome: "denied" },
      include: { actor: true },
    });
    expect(audit.actor?.displayName).toBe("Julien Carrère");
    expect(audit.details).toMatchObject({
      roles: ["DIGITAL_ADVISER"],
      requires: ["NETWORK_COORDINATOR"],
      platform: "local",
    });
  });

  it("a forged approve button pressed by a partner is refused and changes nothing", async () => {
    const partner = await bot.db.prisma.member.findFirstOrThrow({ where: { roles: { has: "PARTNER" } } });
    const request = await bot.db.prisma.roleRequest.create({
      data: { networkId: bot.networkId, role: "NETWORK_COORDINATOR", memberId: partner.id },
    });
    const reply = await bot.text("demo-partner", { kind: "action", actionId: `role:approve:${request.id}` });
    expect(reply).toContain("réservée aux coordinateurs du réseau");
    expect((await bot.db.prisma.roleRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("PENDING");
    expect(await bot.db.prisma.auditLog.count({ where: { action: "action:role.approve", outcome: "denied" } })).toBe(1);
  });
});

describe("unknown input", () => {
  it("a typo gets the closest command the member may use", async () => {
    expect(await bot.text("demo-adviser", "profl")).toBe("Je ne connais pas « profl ». Vouliez-vous dire « profil » ?");
    expect(await bot.text("demo-coordinator", "membre")).toBe(
      "Je ne connais pas « membre ». Vouliez-vous dire « membres » ?",
    );
  });

  it("a coordinator command is never suggested to someone who may not use it", async () => {
    expect(await bot.text("demo-adviser", "membre")).toBe(
      "Je ne connais pas « membre ». Tapez « aide » pour voir ce que vous pouvez faire.",
    );
  });

  it("gibberish points to help; an empty message says it is empty", async () => {
    expect(await bot.text("demo-adviser", "xyzzy plugh")).toContain("Tapez « aide »");
    expect(await bot.text("demo-adviser", "   ")).toContain("Votre message est vide");
  });

  it("a button of a feature that does not exist is answered with a sentence", async () => {
    expect(await bot.text("demo-adviser", { kind: "action", actionId: "nope:1" })).toContain(
      "Ce bouton n’est plus valable",
    );
  });
});
