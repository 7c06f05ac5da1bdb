import type { Db } from "../../db/database.ts";
import { parseCommandArgs } from "../args.ts";
import type { AdminCommand } from "../command.ts";
import { networkBySlug } from "../transaction.ts";

/** `network list`: every network with its size. */
export const networkList: AdminCommand = {
  words: ["network", "list"],
  summary: "list the networks of this database",
  help: `Usage: npm run admin -- network list

Lists every network of the database: its slug, name, and numbers of communes, organisations and members.

Example:
  npm run admin -- network list`,
  async run(args, ctx) {
    parseCommandArgs(args, {}, [], "network list");
    const networks = await ctx.db.network.findMany({
      orderBy: { slug: "asc" },
      select: { slug: true, name: true, _count: { select: { organisations: true, members: true } } },
    });
    if (networks.length === 0) {
      ctx.out("No network yet: create one with npm run admin -- network create.");
      return 0;
    }
    const communes = await ctx.db.territory.groupBy({ by: ["networkId"], where: { kind: "COMMUNE" }, _count: true });
    const ids = await ctx.db.network.findMany({ select: { id: true, slug: true } });
    const communesOf = new Map(communes.map((c) => [ids.find((n) => n.id === c.networkId)!.slug, c._count]));
    for (const n of networks) {
      ctx.out(
        `${n.slug}  ${n.name}  (${communesOf.get(n.slug) ?? 0} communes, ${n._count.organisations} organisations, ${n._count.members} members)`,
      );
    }
    return 0;
  },
};

/** The figures `network show` prints, by line. */
export async function networkFigures(db: Db, slug: string): Promise<string[]> {
  const network = await networkBySlug(db, slug);
  const networkId = network.id;
  const [territories, organisations, plans, fiches, archivedFiches, indicators, members, invitations] =
    await Promise.all([
      db.territory.groupBy({ by: ["kind"], where: { networkId }, _count: true }),
      db.organisation.count({ where: { networkId } }),
      db.plan.findMany({
        where: { networkId },
        select: { code: true, title: true, startYear: true, endYear: true },
        orderBy: { code: "asc" },
      }),
      db.ficheAction.count({ where: { networkId, archivedAt: null } }),
      db.ficheAction.count({ where: { networkId, archivedAt: { not: null } } }),
      db.indicator.count({ where: { networkId, archivedAt: null, ficheAction: { archivedAt: null } } }),
      db.member.findMany({ where: { networkId, status: { not: "LEFT" } }, select: { roles: true } }),
      db.invitation.findMany({
        where: { networkId, revokedAt: null, expiresAt: { gt: new Date() } },
        select: { uses: true, maxUses: true },
      }),
    ]);
  const open = invitations.filter((i) => i.uses < i.maxUses).length;
  const byKind = (kind: string) => territories.find((t) => t.kind === kind)?._count ?? 0;
  const roles = new Map<string, number>();
  for (const m of members) for (const r of m.roles) roles.set(r, (roles.get(r) ?? 0) + 1);
  return [
    `${network.slug}: ${network.name}`,
    `Territories: ${byKind("DEPARTMENT")} department(s), ${byKind("EPCI")} EPCI(s), ${byKind("COMMUNE")} commune(s)`,
    `Organisations: ${organisations}`,
    `Plans: ${plans.length}${plans.map((p) => `\n  ${p.code} ${p.title} (${p.startYear}–${p.endYear})`).join("")}`,
    `Fiches-actions: ${fiches}${archivedFiches ? ` (and ${archivedFiches} archived)` : ""}`,
    `Indicators: ${indicators}`,
    `Members: ${members.length}${[...roles]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([r, n]) => `\n  ${r}: ${n}`)
      .join("")}`,
    `Open invitations: ${open}`,
  ];
}

/** `network show <slug>`: what a network holds. */
export const networkShow: AdminCommand = {
  words: ["network", "show"],
  summary: "show a network's territories, organisations, plans, fiches, indicators and members by role",
  help: `Usage: npm run admin -- network show <slug>

Prints the network's counts: territories by kind, organisations, plans, fiches-actions (and archived
ones), indicators, members (not those who left) by role, and open invitations.

Example:
  npm run admin -- network show charente-maritime`,
  async run(args, ctx) {
    const { positionals } = parseCommandArgs(args, {}, ["slug"], "network show <slug>");
    for (const line of await networkFigures(ctx.db, positionals[0]!)) ctx.out(line);
    return 0;
  },
};
