import { inviteCommand } from "../../src/admin/commands/invite.ts";
import { loadConfig } from "../../src/config/env.ts";
import { admin, PARTNERS_17, PLAN_17 } from "../unit/admin-support.ts";
import type { TestDatabase } from "./database.ts";

export const SLUG_17 = "charente-maritime";
export const NAME_17 = "Réseau des partenaires de la Charente-Maritime";

/** Sets up Charente-Maritime's network as a department does: `network create`, `plan import`, `organisations import`. */
export async function setUpCharenteMaritime(db: TestDatabase): Promise<string> {
  for (const argv of [
    ["network", "create", SLUG_17, "--name", NAME_17, "--department", "17"],
    ["plan", "import", SLUG_17, PLAN_17],
    ["organisations", "import", SLUG_17, PARTNERS_17],
  ]) {
    const run = await admin(db, ...argv);
    if (run.code !== 0) throw new Error(`admin ${argv.join(" ")} failed: ${run.err}`);
  }
  return (await db.prisma.network.findUniqueOrThrow({ where: { slug: SLUG_17 } })).id;
}

/** Runs `npm run admin -- invite <slug> --role <role> …` and returns the invitation's code and what it printed. */
export async function inviteFromCommandLine(db: TestDatabase, args: string[]): Promise<{ code: string; out: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const config = loadConfig({ PGLITE_DATA_DIR: "memory://", TELEGRAM_BOT_TOKEN: "1:x" });
  const status = await inviteCommand.run(args, {
    db: db.prisma,
    config,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  const text = out.join("\n");
  const code = /Code ?: ([A-Za-z0-9_-]{16})/.exec(text)?.[1];
  if (status !== 0 || !code) throw new Error(`admin invite ${args.join(" ")} failed: ${err.join("\n")}`);
  return { code, out: text };
}
