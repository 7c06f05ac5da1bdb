import { afterAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram/server.ts";
import { dropSchema } from "../support/database.ts";
import { type BotProcess, isolatedDatabaseEnv, say, startBot } from "../support/process.ts";

const running: BotProcess[] = [];
const schemas: string[] = [];
const fakes: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(running.map((b) => b.stop("SIGKILL")));
  await Promise.all(fakes.map((f) => f.close()));
  for (const s of schemas) await dropSchema(s);
});

async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the bot process with platform tokens", () => {
  it("a Telegram token enables Telegram next to the local chat; the others stay off", async () => {
    const token = "123456:E2E-token";
    const telegram = await new FakeTelegram(token).listen();
    fakes.push(telegram);
    const { env, schema } = await isolatedDatabaseEnv();
    if (schema) schemas.push(schema);
    const bot = await startBot({ ...env, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: telegram.apiRoot });
    running.push(bot);
    expect(bot.stdout()).toMatch(/"platforms":\["local","telegram"\]/);

    const chat = { id: 4242, type: "private" as const, first_name: "Inès" };
    const message = telegram.personMessage(
      { id: 4242, is_bot: false, first_name: "Inès", language_code: "fr" },
      chat,
      "/aide",
    );
    telegram.pushUpdate({ message } as Parameters<FakeTelegram["pushUpdate"]>[0]);
    const answer = await until("a Telegram reply", () => telegram.sentMessages(4242)[0]);
    // A private chat no network binds: the newcomer is told to ask for an invitation.
    expect(answer.text).toContain("Demandez à votre coordinateur un lien d’invitation");
    expect(telegram.callsOf("setMyCommands").length).toBeGreaterThanOrEqual(2);
    expect((await say(bot.url, { user: "demo-adviser", text: "aide" })).body.replies[0]!.text).toContain(
      "Bonjour Julien",
    );

    expect(await bot.stop("SIGTERM")).toBe(0);
  });
});
