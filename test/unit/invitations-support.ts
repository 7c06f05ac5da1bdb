import type { AdminContext } from "../../src/admin/command.ts";
import { inviteCommand } from "../../src/admin/commands/invite.ts";
import { loadConfig } from "../../src/config/env.ts";
import type { Reply } from "../../src/core/reply.ts";
import { createDeliveryWorker } from "../../src/delivery/worker.ts";
import { silentLog, type TestBot } from "../support/bot.ts";

/** Runs `npm run admin -- invite …` in-process against the test's database; returns its exit code and output. */
export async function adminInvite(
  bot: TestBot,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string; invitationCode: string | undefined }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: AdminContext = {
    db: bot.db.prisma,
    config: loadConfig({ PGLITE_DATA_DIR: "memory://", ...env }),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  const code = await inviteCommand.run(args, ctx);
  const text = out.join("\n");
  return {
    code,
    out: text,
    err: err.join("\n"),
    invitationCode: /(?:Code|Code) ?: ([A-Za-z0-9_-]{16})/.exec(text)?.[1],
  };
}

/** The invitation code in a coordinator's answer to `inviter`. */
export function codeIn(replies: Reply[]): string {
  const code = /Code ?: ([A-Za-z0-9_-]{16})/.exec(replies.map((r) => r.text).join("\n"))?.[1];
  if (!code) throw new Error(`no invitation code in ${JSON.stringify(replies.map((r) => r.text))}`);
  return code;
}

/** Sends what the outbox holds for the local chat; returns each message's recipient and text. */
export async function deliverLocal(bot: TestBot): Promise<{ to: string; text: string }[]> {
  const delivered: { to: string; text: string }[] = [];
  const sender = createDeliveryWorker({
    db: bot.db.prisma,
    adapter: {
      platform: "local",
      deliver: async (target, reply) => (
        delivered.push({ to: target.id, text: reply.text }),
        { kind: "sent", platformMessageId: String(delivered.length) }
      ),
    },
    log: silentLog,
    now: bot.now,
  });
  await sender.runOnce();
  return delivered;
}
