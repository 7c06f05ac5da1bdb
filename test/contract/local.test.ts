import { randomUUID } from "node:crypto";
import type { Reply } from "../../src/core/reply.ts";
import { buildServer } from "../../src/http/server.ts";
import { silentLog } from "../support/bot.ts";
import type { ChannelDriver, SeenReply } from "./driver.ts";
import { defineContractSuite } from "./suite.ts";

/** The local web chat, driven over its HTTP API as the page does. */
defineContractSuite("Local web chat", async (bot) => {
  const app = await buildServer({
    database: bot.db,
    log: silentLog,
    local: { dispatch: bot.dispatch, networkSlug: "local-contract", db: bot.db.prisma },
    startedAt: new Date(),
    demo: true,
  });
  const last = new Map<string, { replies: Reply[]; body: object }>();
  const user = (person: string) => `contract-${person}`;

  async function post(person: string, body: object): Promise<SeenReply[]> {
    const res = await app.inject({ method: "POST", url: "/api/local/messages", payload: body });
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
    const replies = (res.json() as { replies: Reply[] }).replies;
    if (replies.length > 0) last.set(person, { replies, body });
    else last.set(person, { replies: last.get(person)?.replies ?? [], body });
    return replies.map((r) => ({
      text: r.text,
      choices: r.choices?.map((c) => c.label) ?? [],
      ...(r.form ? { form: { title: r.form.title, fields: r.form.fields.map((f) => f.label) } } : {}),
      private: r.visibility === "private",
    }));
  }

  const driver: ChannelDriver = {
    platform: "local",
    groupScopeId: "local-contract",
    privateScopeId: "local-contract",
    externalId: user,
    send: (person, text) => post(person, { user: user(person), id: randomUUID(), text }),
    press: (person, label) => {
      const choice = last
        .get(person)
        ?.replies.flatMap((r) => r.choices ?? [])
        .find((c) => c.label === label);
      if (!choice) throw new Error(`${person} sees no button "${label}"`);
      return post(person, { user: user(person), id: randomUUID(), action: choice.id });
    },
    submitForm: (person, values) => {
      const form = last.get(person)?.replies.find((r) => r.form)?.form;
      if (!form) throw new Error(`${person} has no open form`);
      const filled = Object.fromEntries(form.fields.map((f) => [f.name, values[f.label] ?? f.value ?? ""]));
      return post(person, { user: user(person), id: randomUUID(), form: form.id, values: filled });
    },
    redeliverLast: (person) => post(person, last.get(person)!.body),
    close: () => app.close(),
  };
  return driver;
});
