import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalDelivery } from "../../src/channels/local/adapter.ts";
import type { Dispatch } from "../../src/core/dispatch.ts";
import { buildServer } from "../../src/http/server.ts";
import { createTestBot, silentLog, type TestBot } from "../support/bot.ts";

const BYTES = Uint8Array.from([1, 2, 3]);
let bot: TestBot;
let app: Awaited<ReturnType<typeof buildServer>>;
let other: { networkId: string; memberId: string };
beforeAll(async () => {
  bot = await createTestBot();
  const db = bot.db.prisma;
  const network = await db.network.create({ data: { slug: "autre-reseau", name: "Autre réseau" } });
  const member = await db.member.create({
    data: { networkId: network.id, displayName: "Membre d’ailleurs", roles: ["NETWORK_COORDINATOR"], status: "ACTIVE" },
  });
  await db.platformIdentity.create({
    data: { networkId: network.id, memberId: member.id, platform: "local", externalId: "elsewhere-coordinator" },
  });
  other = { networkId: network.id, memberId: member.id };
  const dispatch: Dispatch = (command) => bot.dispatch(command);
  app = await buildServer({
    database: bot.db,
    log: silentLog,
    local: { dispatch, networkSlug: "tarn-et-garonne", db },
    startedAt: new Date(),
    demo: true,
  });
});
afterAll(async () => {
  await app.close();
  await bot.close();
});

describe("the web chat serves only its own network", () => {
  it("a user id of another network is refused with a sentence, and the bot does not answer as that network", async () => {
    const before = await bot.db.prisma.auditLog.count({ where: { networkId: other.networkId } });
    const res = await app.inject({
      method: "POST",
      url: "/api/local/messages",
      payload: { user: "elsewhere-coordinator", text: "export" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: "other_network",
      message: expect.stringContaining("another network"),
    });
    expect(await bot.db.prisma.generatedFile.count({ where: { networkId: bot.networkId } })).toBe(0);
    expect(await bot.db.prisma.auditLog.count({ where: { networkId: other.networkId } })).toBe(before);
    const inbox = await app.inject({
      method: "GET",
      url: "/api/local/inbox?user=elsewhere-coordinator&since=2026-01-01T00:00:00Z",
    });
    expect(inbox.statusCode).toBe(403);
  });

  it("a file made for a member of another network is theirs (network and member), and this chat does not serve it", async () => {
    const delivery = createLocalDelivery(bot.db.prisma, { networkSlug: "tarn-et-garonne" });
    const outcome = await delivery.deliver(
      { to: "member", id: "elsewhere-coordinator" },
      {
        text: "Votre export",
        files: [{ name: "export.csv", mediaType: "text/csv", content: BYTES }],
        visibility: "private",
      },
    );
    expect(outcome.kind).toBe("sent");
    const stored = await bot.db.prisma.generatedFile.findFirstOrThrow({ where: { name: "export.csv" } });
    expect(stored).toMatchObject({ networkId: other.networkId, memberId: other.memberId });
    const got = await app.inject({ method: "GET", url: `/api/local/files/${stored.id}/export.csv` });
    expect(got.statusCode).toBe(404);
  });

  it("a member of the served network still chats and gets their own data as their file", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/local/messages",
      payload: { user: "demo-adviser", text: "mes données" },
    });
    expect(res.statusCode).toBe(200);
    const [file] = res.json().replies[0].files;
    const adviser = await bot.db.prisma.platformIdentity.findFirstOrThrow({
      where: { platform: "local", externalId: "demo-adviser" },
    });
    const stored = await bot.db.prisma.generatedFile.findFirstOrThrow({ where: { name: file.name } });
    expect(stored).toMatchObject({ networkId: bot.networkId, memberId: adviser.memberId });
    expect((await app.inject({ method: "GET", url: file.url })).statusCode).toBe(200);
  });
});
