import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "../../src/core/inbound.ts";
import type { Role } from "../../src/core/roles.ts";
import { segmentMembers } from "../../src/features/broadcasts/data.ts";
import type { Segment } from "../../src/features/broadcasts/schema.ts";
import { action, choiceIds, createTestBot, form, type TestBot } from "../support/bot.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ platforms: ["local", "telegram", "discord"] });
});
afterAll(() => bot.close());

let accounts = 0;
interface NewMember {
  name: string;
  roles?: Role[];
  platforms?: Platform[];
  territory?: string;
  organisation?: string;
  muted?: string[];
  quiet?: [number, number];
  status?: "ACTIVE" | "ONBOARDING";
}

/** A member created straight in the database, with one account per platform. */
async function addMember(m: NewMember) {
  const db = bot.db.prisma;
  const networkId = bot.networkId;
  const territory = m.territory
    ? await db.territory.findFirstOrThrow({ where: { networkId, name: m.territory } })
    : null;
  const organisation = m.organisation
    ? await db.organisation.findFirstOrThrow({ where: { networkId, name: { startsWith: m.organisation } } })
    : null;
  const member = await db.member.create({
    data: {
      networkId,
      displayName: m.name,
      roles: m.roles ?? ["PARTNER"],
      status: m.status ?? "ACTIVE",
      territoryId: territory?.id ?? null,
      organisationId: organisation?.id ?? null,
      mutedCategories: m.muted ?? [],
      ...(m.quiet ? { quietStartMin: m.quiet[0], quietEndMin: m.quiet[1] } : {}),
    },
  });
  for (const platform of m.platforms ?? ["telegram"]) {
    await db.platformIdentity.create({
      data: { networkId, memberId: member.id, platform, externalId: `${platform}-${++accounts}` },
    });
  }
  return member;
}

const idOf = async (model: "territory" | "organisation", name: string) =>
  model === "territory"
    ? (await bot.db.prisma.territory.findFirstOrThrow({ where: { networkId: bot.networkId, name } })).id
    : (
        await bot.db.prisma.organisation.findFirstOrThrow({
          where: { networkId: bot.networkId, name: { startsWith: name } },
        })
      ).id;

const segment = (s: Partial<Segment>): Segment => ({
  roles: [],
  territoryIds: [],
  organisationIds: [],
  groupIds: [],
  platform: null,
  ...s,
});
const names = async (s: Partial<Segment>) =>
  (await segmentMembers(bot.db.prisma, bot.networkId, segment(s))).map((m) => m.displayName).sort();

const submit = (who: string, values: Record<string, string | string[]>) =>
  bot.send(
    who,
    form("broadcast", {
      message: "Forum santé le 12 juin à Castelsarrasin : inscriptions ouvertes.",
      urgent: "no",
      roles: [],
      territory: "",
      organisation: "",
      group: "",
      platform: "",
      ...values,
    }),
  );

describe("who a broadcast goes to", () => {
  beforeAll(async () => {
    // Placed only through their organisation, in a commune of Terres des Confluences.
    await addMember({
      name: "Agent MDS Moissac",
      roles: ["DIGITAL_ADVISER"],
      organisation: "Maison départementale des solidarités de Moissac",
    });
    await addMember({ name: "Pas encore présenté", roles: ["PARTNER"], territory: "Montauban", status: "ONBOARDING" });
  });

  it("with no criterion, every active member of the network", async () => {
    expect(await names({})).toEqual([
      "Agent MDS Moissac",
      "Camille Roques",
      "Isabelle Fabre",
      "Julien Carrère",
      "Nathalie Bousquet",
      "Sophie Delmas",
      "Thomas Lefèvre",
    ]);
  });

  it("several roles add up", async () => {
    expect(await names({ roles: ["INTERN", "PARTNER"] })).toEqual(["Isabelle Fabre", "Thomas Lefèvre"]);
  });

  it("a territory covers its communes and the members of organisations located there", async () => {
    const confluences = await idOf("territory", "CC Terres des Confluences");
    expect(await names({ territoryIds: [confluences] })).toEqual([
      "Agent MDS Moissac",
      "Camille Roques",
      "Nathalie Bousquet",
    ]);
    expect(await names({ territoryIds: [await idOf("territory", "CA Grand Montauban")] })).toEqual(["Thomas Lefèvre"]);
    // A commune does not cover its intercommunality.
    expect(await names({ territoryIds: [await idOf("territory", "Moissac")] })).toEqual(["Agent MDS Moissac"]);
    expect((await names({ territoryIds: [await idOf("territory", "Tarn-et-Garonne")] })).length).toBe(7);
  });

  it("criteria narrow together", async () => {
    const confluences = await idOf("territory", "CC Terres des Confluences");
    expect(await names({ roles: ["CLS_COORDINATOR", "HEALTH_COMMITTEE"], territoryIds: [confluences] })).toEqual([
      "Camille Roques",
      "Nathalie Bousquet",
    ]);
    expect(await names({ roles: ["CLS_COORDINATOR"], territoryIds: [await idOf("territory", "Montauban")] })).toEqual(
      [],
    );
    expect(await names({ organisationIds: [await idOf("organisation", "Réseau des médiathèques")] })).toEqual([
      "Isabelle Fabre",
    ]);
  });

  it("a working group selects its members; an archived group nobody", async () => {
    const db = bot.db.prisma;
    const members = await db.member.findMany({ where: { displayName: { in: ["Camille Roques", "Thomas Lefèvre"] } } });
    const group = await db.workingGroup.create({ data: { networkId: bot.networkId, name: "Logement des internes" } });
    await db.workingGroupMember.createMany({
      data: members.map((m) => ({ groupId: group.id, memberId: m.id, networkId: bot.networkId })),
    });
    expect(await names({ groupIds: [group.id] })).toEqual(["Camille Roques", "Thomas Lefèvre"]);
    expect(await names({ groupIds: [group.id], roles: ["INTERN"] })).toEqual(["Thomas Lefèvre"]);
    await db.workingGroup.update({ where: { id: group.id }, data: { archivedAt: new Date() } });
    expect(await names({ groupIds: [group.id] })).toEqual([]);
  });

  it("a platform selects members with an account there", async () => {
    expect(await names({ platform: "telegram" })).toEqual(["Agent MDS Moissac"]);
    expect(await names({ platform: "discord" })).toEqual([]);
  });
});

describe("the preview", () => {
  beforeAll(async () => {
    await addMember({ name: "Bibliothèque de Caussade", platforms: ["telegram"] });
    await addMember({ name: "Médiathèque de Moissac", platforms: ["telegram"], muted: ["broadcast"] });
    await addMember({ name: "Mairie de Lavit", platforms: ["discord"], quiet: [9 * 60, 12 * 60] });
    await addMember({ name: "Association sur Slack", platforms: ["slack"] });
  });

  it("shows the message as members will see it, who gets it where, who is muted, unreachable or in quiet hours", async () => {
    const replies = await submit("demo-coordinator", { roles: ["PARTNER"] });
    const text = replies[0]!.text;
    expect(text).toContain(
      "📣 Message de Sophie Delmas :\nForum santé le 12 juin à Castelsarrasin : inscriptions ouvertes.",
    );
    expect(text).toContain("Destinataires : rôles : partenaires.");
    expect(text).toContain("5 membres correspondent.");
    expect(text).toContain("3 la recevront :");
    expect(text).toContain("1 sur Telegram");
    expect(text).toContain("1 sur Discord");
    expect(text).toContain("1 sur chat local");
    expect(text).toContain("1 a mis les diffusions en sourdine et ne la recevra pas");
    expect(text).toContain("1 n’a aucun compte que le bot puisse joindre");
    expect(text).toContain("1 membre est dans ses heures calmes et la recevra à leur fin (dès 12:00).");
    const [ok, edit, cancel] = choiceIds(replies);
    const draft = await bot.db.prisma.broadcast.findFirstOrThrow({
      where: { status: "DRAFT" },
      orderBy: { createdAt: "desc" },
    });
    expect([ok, edit, cancel]).toEqual([`bc.confirm:${draft.id}`, `bc.edit:${draft.id}`, `bc.cancel:${draft.id}`]);
    expect(draft.segment).toMatchObject({ roles: ["PARTNER"], platform: null });
    // Nothing is queued by a preview.
    expect(await bot.db.prisma.outboundMessage.count()).toBe(0);
  });

  it("an urgent broadcast reaches muted members and ignores quiet hours", async () => {
    const text = (await submit("demo-coordinator", { roles: ["PARTNER"], urgent: "yes" }))[0]!.text;
    expect(text).toContain("🚨 Message urgent de Sophie Delmas");
    expect(text).toContain("4 la recevront :");
    expect(text).not.toContain("sourdine et ne la recevra pas");
    expect(text).not.toContain("heures calmes et la recevra");
  });

  it("edit re-opens the form pre-filled, and the new preview replaces the draft", async () => {
    const first = choiceIds(await submit("demo-coordinator", { roles: ["PARTNER"], message: "Premier jet" }));
    const draftId = first[0]!.split(":")[1]!;
    const [formReply] = await bot.send("demo-coordinator", action(`bc.edit:${draftId}`));
    expect(formReply!.form!.id).toBe(`broadcast:${draftId}`);
    const fields = Object.fromEntries(formReply!.form!.fields.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ message: "Premier jet", roles: ["PARTNER"], urgent: "no" });
    await bot.send(
      "demo-coordinator",
      form(`broadcast:${draftId}`, { ...fields, message: "Second jet" } as Record<string, string | string[]>),
    );
    expect((await bot.db.prisma.broadcast.findUniqueOrThrow({ where: { id: draftId } })).status).toBe("CANCELLED");
    expect(await bot.db.prisma.broadcast.count({ where: { text: "Second jet", status: "DRAFT" } })).toBe(1);
  });

  it("cancel withdraws the draft", async () => {
    const [, , cancel] = choiceIds(await submit("demo-coordinator", { roles: ["PARTNER"], message: "À annuler" }));
    expect(await bot.text("demo-coordinator", action(cancel!))).toBe("Diffusion annulée : rien n’a été envoyé.");
    expect(await bot.text("demo-coordinator", action(cancel!))).toContain("Cette diffusion a été annulée.");
    expect(await bot.db.prisma.outboundMessage.count()).toBe(0);
  });
});

describe("on Telegram, one question at a time", () => {
  it("the broadcast form is asked field by field and ends with the preview", async () => {
    const coordinator = await bot.db.prisma.member.findFirstOrThrow({ where: { displayName: "Sophie Delmas" } });
    await bot.db.prisma.platformIdentity.create({
      data: { networkId: bot.networkId, memberId: coordinator.id, platform: "telegram", externalId: "7001" },
    });
    const tg = { platform: "telegram" as const, user: "7001", scope: "private", forms: "steps" as const };
    let last = await bot.send(tg, "diffuser");
    const press = async (label: string) => {
      const choice = last.flatMap((r) => r.choices ?? []).find((c) => c.label === label);
      if (!choice) throw new Error(`no button "${label}" in: ${JSON.stringify(last)}`);
      last = await bot.send(tg, action(choice.id));
      return last;
    };
    expect(last.at(-1)!.text).toContain("Nouvelle diffusion — question 1 sur 6\nMessage");
    last = await bot.send(tg, "Soirée d’accueil des internes vendredi 19 h à l’hôpital de Montauban.");
    await press("Garder la valeur actuelle");
    await press("partenaires");
    await press("Suivant");
    await press("Passer");
    await press("Passer");
    const preview = await press("Passer");
    expect(preview[0]!.text).toContain(
      "📣 Message de Sophie Delmas :\nSoirée d’accueil des internes vendredi 19 h à l’hôpital de Montauban.",
    );
    expect(preview[0]!.text).toContain("Destinataires : rôles : partenaires.");
    expect(choiceIds(preview)[0]).toMatch(/^bc.confirm:/);
  });
});

describe("refused before anything is queued", () => {
  it("an empty segment, named in the refusal, with the form to correct it", async () => {
    const drafts = await bot.db.prisma.broadcast.count();
    const replies = await submit("demo-coordinator", { organisation: await idOf("organisation", "APAS 82") });
    expect(replies[0]!.text).toBe(
      "Aucun membre ne correspond à ce segment (structure : APAS 82) : rien n’a été envoyé. Retirez un critère ou choisissez-en un autre.",
    );
    expect(replies[1]!.form!.id).toBe("broadcast");
    expect(replies[1]!.form!.fields.find((f) => f.name === "message")!.value).toBe(
      "Forum santé le 12 juin à Castelsarrasin : inscriptions ouvertes.",
    );
    expect(await bot.db.prisma.broadcast.count()).toBe(drafts);
  });

  it("an empty message", async () => {
    const text = (await submit("demo-coordinator", { message: "   " }))[0]!.text;
    expect(text).toBe(
      "Je ne peux pas préparer cette diffusion :\nLe message est vide : écrivez ce que vous voulez annoncer.",
    );
  });

  it("a segment where nobody can receive it", async () => {
    const lavit = await idOf("territory", "Lavit");
    expect((await submit("demo-coordinator", { territory: lavit }))[0]!.text).toContain(
      "Aucun membre ne correspond à ce segment (territoire : Lavit)",
    );
    await addMember({ name: "En sourdine à Lavit", platforms: ["telegram"], territory: "Lavit", muted: ["broadcast"] });
    expect((await submit("demo-coordinator", { territory: lavit }))[0]!.text).toBe(
      "Personne ne recevrait ce message : rien n’a été envoyé. Élargissez le segment, ou cochez « urgent » pour joindre les membres qui ont mis les diffusions en sourdine.\n" +
        "1 membre correspond.\n1 a mis les diffusions en sourdine et ne la recevra pas (cochez « urgent » pour les joindre malgré tout).",
    );
    expect(choiceIds(await submit("demo-coordinator", { territory: lavit, urgent: "yes" }))[0]).toMatch(/^bc.confirm:/);
  });

  it("a message over Discord's 2000 characters for a segment with a Discord member, accepted for Telegram only", async () => {
    const long = "Programme du mois du numérique. ".repeat(62).trim();
    expect(long.length).toBeLessThan(2000);
    const refused = (await submit("demo-coordinator", { message: long, roles: ["PARTNER"] }))[0]!.text;
    expect(refused).toMatch(
      /^Votre message fait 20\d\d caractères avec son en-tête, et Discord n’en accepte que 2000 par message ; 1 destinataire le lirait sur Discord\./,
    );
    const accepted = await submit("demo-coordinator", { message: long, roles: ["PARTNER"], platform: "telegram" });
    expect(accepted[0]!.text).toContain("1 la recevra : 1 sur Telegram.");
    expect(choiceIds(accepted)[0]).toMatch(/^bc.confirm:/);
    expect(await bot.db.prisma.outboundMessage.count()).toBe(0);
  });

  it("a member who is not a coordinator cannot broadcast nor press a broadcast's buttons", async () => {
    expect(await bot.text("demo-partner", "diffuser")).toContain(
      "Cette commande est réservée aux coordinateurs du réseau ou coordonnateurs CLS",
    );
    const draft = await bot.db.prisma.broadcast.findFirstOrThrow({ where: { status: "DRAFT" } });
    expect(await bot.text("demo-partner", action(`bc.confirm:${draft.id}`))).toContain("réservée aux");
    expect(await bot.text("demo-partner", form("broadcast", { message: "Coucou" }))).toContain("réservée aux");
    expect(await bot.db.prisma.outboundMessage.count()).toBe(0);
  });

  it("a CLS coordinator may broadcast, but not confirm another coordinator's broadcast", async () => {
    await bot.db.prisma.workingGroup.create({
      data: { networkId: bot.networkId, name: "Commission de coordination sanitaire territoriale" },
    });
    const [reply] = await bot.send("demo-cls", "diffuser");
    expect(reply!.form!.fields.map((f) => f.name)).toEqual([
      "message",
      "urgent",
      "roles",
      "territory",
      "organisation",
      "group",
      "platform",
    ]);
    expect(reply!.form!.fields.find((f) => f.name === "group")!.options!.map((o) => o.label)).toEqual([
      "Tous",
      "Commission de coordination sanitaire territoriale",
    ]);
    const draft = await bot.db.prisma.broadcast.findFirstOrThrow({
      where: { status: "DRAFT", sender: { displayName: "Sophie Delmas" } },
    });
    expect(await bot.text("demo-cls", action(`bc.confirm:${draft.id}`))).toBe(
      "Cette diffusion a été préparée par Sophie Delmas : seule cette personne peut l’envoyer, la modifier ou l’annuler.",
    );
    expect(await bot.db.prisma.outboundMessage.count()).toBe(0);
  });
});
