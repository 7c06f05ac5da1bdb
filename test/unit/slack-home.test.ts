import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackHarness, startSlackHarness } from "../fakes/slack/harness.ts";
import { appHomeOpened, TEAM_ID, viewSubmission } from "../fakes/slack/requests.ts";
import { createTestBot, type TestBot } from "../support/bot.ts";

const sophie = { userId: "USOPHIE", name: "sophie" };
type Json = Record<string, any>;
const texts = (blocks: Json[]) =>
  blocks
    .filter((b) => b.type === "section")
    .map((b) => b.text.text)
    .join("\n");
const buttons = (blocks: Json[]) =>
  blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: Json) => e));

describe("slack: the App Home tab", () => {
  let bot: TestBot;
  let harness: SlackHarness;

  beforeAll(async () => {
    bot = await createTestBot();
    const db = bot.db.prisma;
    await db.channelBinding.create({ data: { networkId: bot.networkId, platform: "slack", scopeId: TEAM_ID } });
    const member = await db.member.findFirstOrThrow({
      where: { identities: { some: { platform: "local", externalId: "demo-coordinator" } } },
    });
    await db.platformIdentity.create({
      data: {
        networkId: bot.networkId,
        memberId: member.id,
        platform: "slack",
        externalId: `${TEAM_ID}:${sophie.userId}`,
      },
    });
    harness = await startSlackHarness(bot.dispatch);
  });
  afterAll(async () => {
    await harness?.close();
    await bot?.close();
  });

  it("opening the Home tab publishes the member's profile with its edit button", async () => {
    expect((await harness.post(appHomeOpened(sophie))).status).toBe(200);
    await harness.adapter.idle();
    const published = harness.fake.calls.filter((c) => c.method === "views.publish" && c.status === 200);
    expect(published).toHaveLength(1);
    const { user_id, view } = published[0]!.body as Json;
    expect(user_id).toBe(sophie.userId);
    expect(view.type).toBe("home");
    expect(texts(view.blocks)).toContain("Profil de Sophie Delmas");
    expect(buttons(view.blocks).map((b) => b.text.text)).toEqual(["Modifier mon profil"]);
  });

  it("the edit button of the Home tab opens the profile form; its answers come as direct messages and the tab is refreshed", async () => {
    const home = harness.fake.calls.find((c) => c.method === "views.publish")!.body as Json;
    const button = buttons(home.view.blocks)[0];
    const payload = {
      type: "block_actions",
      user: { id: sophie.userId, username: "sophie", name: "sophie", team_id: TEAM_ID },
      api_app_id: "A0TEST",
      token: "unused",
      container: { type: "view", view_id: "VHOME" },
      trigger_id: randomUUID(),
      team: { id: TEAM_ID, domain: "reseau-test" },
      view: { id: "VHOME", type: "home", ...home.view },
      actions: [
        {
          type: "button",
          action_id: button.action_id,
          block_id: "b",
          value: button.value,
          text: button.text,
          action_ts: "1",
        },
      ],
    };
    await harness.post({
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: "application/x-www-form-urlencoded",
    });
    await harness.adapter.idle();
    const opened = harness.fake.calls.find((c) => c.method === "views.open" && c.status === 200)!.body as Json;
    expect(opened.view.title.text).toBe("Mon profil");

    const values: Record<string, Record<string, object>> = {};
    for (const block of opened.view.blocks.filter((b: Json) => b.type === "input")) {
      const e = block.element;
      values[block.block_id] = {
        [e.action_id]:
          e.type === "static_select"
            ? { type: e.type, selected_option: e.initial_option ?? null }
            : { type: e.type, value: e.initial_value ?? null },
      };
    }
    values.displayName = { displayName: { type: "plain_text_input", value: "Sophie D." } };
    await harness.post(
      viewSubmission(
        sophie,
        { id: "V1", callback_id: opened.view.callback_id, private_metadata: opened.view.private_metadata },
        values,
      ),
    );
    await harness.adapter.idle();
    const direct = harness.fake.calls.filter(
      (c) => c.method === "chat.postMessage" && c.body.channel === sophie.userId,
    );
    expect(direct.map((c) => c.body.text).join("\n")).toContain("Votre profil est enregistré.");
    const refreshed = harness.fake.calls.filter((c) => c.method === "views.publish").at(-1)!.body as Json;
    expect(texts(refreshed.view.blocks)).toContain("Profil de Sophie D.");
  });
});
