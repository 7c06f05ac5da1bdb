import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundCommand } from "../../src/core/inbound.ts";
import type { Form, Reply } from "../../src/core/reply.ts";
import { type DiscordHarness, startDiscordHarness } from "../fakes/discord/harness.ts";
import { snowflake } from "../fakes/discord/ids.ts";
import { slashCommand } from "../fakes/discord/payloads.ts";

/** A stand-in core: each command word returns one kind of reply, so rendering is seen in isolation. */
const seen: InboundCommand[] = [];
const form: Form = {
  id: "survey:1",
  title: "Enquête",
  submitLabel: "Envoyer",
  fields: [
    {
      name: "commune",
      label: "Commune",
      type: "select",
      required: true,
      value: "c3",
      options: Array.from({ length: 30 }, (_, i) => ({ value: `c${i}`, label: `Commune ${i}` })),
    },
    {
      name: "structure",
      label: "Structure",
      type: "select",
      required: false,
      value: "s1",
      options: [
        { value: "", label: "aucune" },
        { value: "s1", label: "APAS 82" },
      ],
    },
    {
      name: "themes",
      label: "Thèmes",
      type: "multiselect",
      required: false,
      value: ["t1"],
      options: [
        { value: "t1", label: "Santé" },
        { value: "t2", label: "Numérique" },
      ],
    },
  ],
};
async function core(command: InboundCommand): Promise<Reply[]> {
  seen.push(command);
  const input = command.input;
  if (input.kind === "action") return [{ text: `choisi : ${input.actionId}`, visibility: "private" }];
  if (input.kind === "form")
    return [
      { text: JSON.stringify(input.values), visibility: "private" },
      { text: "encore", visibility: "private", form },
    ];
  const word = input.text.split(" ")[0];
  const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `pick:${i}`, label: `Option ${i}` }));
  if (word === "membres") return [{ text: "trente choix", visibility: "private", choices: choices(30) }];
  if (word === "demandes") return [{ text: "douze choix", visibility: "private", choices: choices(12) }];
  if (word === "aide")
    return [
      {
        text: Array.from({ length: 90 }, (_, i) => `ligne ${i} ${"x".repeat(40)}`).join("\n"),
        visibility: "private",
        choices: choices(2),
      },
    ];
  if (word === "langue")
    return [
      { text: "pour tous", visibility: "public" },
      { text: "pour vous", visibility: "private" },
    ];
  if (word === "valider")
    return new Promise((resolve) => setTimeout(() => resolve([{ text: "validé", visibility: "private" }]), 700));
  if (word === "profil") return [{ text: "Remplissez", visibility: "private", form }];
  return [{ text: "ok", visibility: "private" }];
}

describe("Discord rendering of the core's replies", () => {
  let harness: DiscordHarness;
  beforeAll(async () => {
    harness = await startDiscordHarness(core);
  });
  afterAll(async () => harness?.close());
  const lastRecord = () => [...harness.fake.rest.interactions.values()].at(-1)!;
  const lastRecordId = (at: number) => [...harness.fake.rest.interactions.values()].at(at)!.id;
  type Row = { components: { type: number; options?: unknown[] }[] };

  it("passes who, where, which event and the language to the core", async () => {
    await harness.driver.send("alice", "lier K7P4-QX9M", "group");
    await harness.driver.send("alice", "démarrer", "private");
    const [inGuild, inDm] = seen.slice(-2);
    expect(inGuild).toMatchObject({
      platform: "discord",
      eventId: lastRecordId(-2),
      externalUserId: harness.driver.externalId("alice"),
      displayName: "Alice",
      scopeId: harness.fake.guildId,
      conversation: "group",
      forms: "native",
      localeHint: "fr",
      input: { kind: "text", text: "lier K7P4-QX9M" },
    });
    expect(inDm).toMatchObject({
      scopeId: "private",
      conversation: "private",
      input: { kind: "text", text: "démarrer" },
    });
  });

  it("up to 25 choices are buttons, five per row", async () => {
    const replies = await harness.driver.send("bruno", "demandes");
    expect(replies[0]!.choices).toHaveLength(12);
    expect((lastRecord().original!.components as Row[]).map((r) => r.components.length)).toEqual([5, 5, 2]);
    expect((await harness.driver.press("bruno", "Option 7")).map((r) => r.text)).toEqual(["choisi : pick:7"]);
  });

  it("more than 25 choices are menus of at most 25 entries, and the entry picked is the choice", async () => {
    await harness.driver.send("bruno", "membres");
    const rows = lastRecord().original!.components as Row[];
    expect(rows.map((r) => [r.components[0]!.type, r.components[0]!.options!.length])).toEqual([
      [3, 25],
      [3, 5],
    ]);
    expect((await harness.driver.press("bruno", "Option 27")).map((r) => r.text)).toEqual(["choisi : pick:27"]);
  });

  it("a long answer is split into messages of at most 2000 characters, the choices under the last", async () => {
    const replies = await harness.driver.send("chloe", "aide");
    expect(replies.length).toBeGreaterThan(1);
    expect(replies.every((r) => r.text.length <= 2000)).toBe(true);
    expect(replies.map((r) => r.text).join("\n")).toContain("ligne 89");
    expect(replies.map((r) => r.choices.length)).toEqual([...replies.slice(1).map(() => 0), 2]);
  });

  it("a public answer is seen by the whole channel, a private one by the member only", async () => {
    const replies = await harness.driver.send("chloe", "langue");
    expect(replies.map((r) => [r.text, r.private])).toEqual([
      ["pour tous", false],
      ["pour vous", true],
    ]);
  });

  it("a form is a modal: menus for short lists, a text field holding the current label for long ones", async () => {
    const [opened] = await harness.driver.send("denis", "profil");
    expect(opened!.form).toEqual({ title: "Enquête", fields: ["Commune", "Structure", "Thèmes"] });
    expect(opened!.text).toBe("Remplissez");
    const modal = lastRecord().ack!.data as { components: { component?: { type: number; value?: string } }[] };
    expect(modal.components.map((c) => c.component?.type)).toEqual([undefined, 4, 3, 3]);
    expect(modal.components[1]!.component!.value).toBe("Commune 3");
    await harness.driver.submitForm("denis", { Commune: "commune 7", Structure: "aucune" });
    expect(seen.at(-1)!.input).toEqual({
      kind: "form",
      formId: "survey:1",
      values: { commune: "c7", structure: "", themes: ["t1"] },
    });
  });

  it("a form answering a form submission waits behind a button, since a modal cannot answer a modal", async () => {
    await harness.driver.send("denis", "profil");
    const answer = await harness.driver.submitForm("denis", {});
    expect(answer.map((r) => [r.text, r.choices])).toEqual([
      ['{"commune":"c3","structure":"s1","themes":["t1"]}', []],
      ["encore", ["Enquête"]],
    ]);
    const reopened = await harness.driver.press("denis", "Enquête");
    expect(reopened[0]!.form?.title).toBe("Enquête");
  });

  it("an interaction that reaches the bot late (replayed after a reconnect) is acknowledged at once, within Discord's 3 s", async () => {
    const { fake } = harness;
    const declared = fake.rest.commands.get(fake.guildId) as { id: string; name: string }[];
    const user = { id: harness.driver.externalId("emma"), username: "emma", globalName: "Emma", locale: "fr" };
    const payload = {
      ...slashCommand(
        fake.applicationId,
        user,
        { guildId: fake.guildId, channelId: fake.channelId },
        declared.find((c) => c.name === "valider")!,
        "",
      ),
      id: snowflake(Date.now() - 2300),
    };
    const done = harness.handled(String(payload.id));
    const record = fake.interact(payload);
    await done;
    expect(record.refused).toEqual([]);
    expect(record.ack?.type).toBe(5);
    expect(record.original?.content).toBe("validé");
  });
});
