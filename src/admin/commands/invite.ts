import { parseArgs } from "node:util";
import type { Config } from "../../config/env.ts";
import { INVITATION_DEFAULT_DAYS, INVITATION_MAX_DAYS } from "../../config/retention.ts";
import { createTranslator } from "../../core/i18n.ts";
import type { Platform } from "../../core/inbound.ts";
import { ROLES } from "../../core/roles.ts";
import { DEFAULT_USES, MAX_USES } from "../../features/invitations/codes.ts";
import { issueInvitation } from "../../features/invitations/issue.ts";
import { formatExpiry, howToJoin } from "../../features/invitations/links.ts";
import { checkLimits } from "../../features/invitations/options.ts";
import { roleAtStart } from "../../features/members/role-names.ts";
import { findOrganisationByName } from "../../features/organisations/data.ts";
import type { AdminCommand, AdminContext } from "../command.ts";

const USAGE = "invite <slug> --role <role> [--organisation <name>] [--uses N] [--days D]";

const HELP = `Usage: npm run admin -- ${USAGE}

Creates an invitation into the network <slug> and prints its code and how to use it on each
configured platform (Telegram /start inv-<code>, /reseau rejoindre <code> on Slack, /rejoindre on
Discord, "rejoindre <code>" on the web chat). Whoever uses it becomes a member with the role, no
approval needed: this is how a network gets its first coordinator.

Options:
  --role <role>          the role given: its code (${ROLES.join(", ")}) or its French or English label
  --organisation <name>  the member's partner organisation (one of the network's)
  --uses <N>             how many people may use it (default ${DEFAULT_USES}, at most ${MAX_USES})
  --days <D>             days it stays valid (default ${INVITATION_DEFAULT_DAYS}, at most ${INVITATION_MAX_DAYS})

Example:
  npm run admin -- invite charente-maritime --role "coordinateur du réseau"`;

/** The platforms members can use an invitation on in this deployment, as the configuration enables them. */
function configuredPlatforms(config: Config): Platform[] {
  return [
    ...(config.localChannel.enabled ? (["local"] as const) : []),
    ...(config.telegram ? (["telegram"] as const) : []),
    ...(config.slack ? (["slack"] as const) : []),
    ...(config.discord ? (["discord"] as const) : []),
  ];
}

const OPTIONS = {
  role: { type: "string" },
  organisation: { type: "string" },
  uses: { type: "string" },
  days: { type: "string" },
  help: { type: "boolean" },
} as const;

async function run(args: string[], ctx: AdminContext): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>
  >;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    ctx.err(`${(error as Error).message}\nUsage: ${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    ctx.out(HELP);
    return 0;
  }
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0 || !values.role) {
    ctx.err(`Usage: ${USAGE}`);
    return 2;
  }
  const words = values.role.trim().split(/\s+/);
  const found = roleAtStart(words);
  const role = found && found.length === words.length ? found.role : undefined;
  if (!role) {
    ctx.err(`Unknown role "${values.role}". Roles: ${ROLES.join(", ")} (or their French or English labels).`);
    return 1;
  }
  const maxUses = values.uses === undefined ? DEFAULT_USES : Number(values.uses);
  const days = values.days === undefined ? INVITATION_DEFAULT_DAYS : Number(values.days);
  const bad = checkLimits(maxUses, days);
  if (bad) {
    ctx.err(
      bad.key === "invitations.badUses"
        ? `--uses must be a whole number from 1 to ${MAX_USES}.`
        : `--days must be a whole number from 1 to ${INVITATION_MAX_DAYS}.`,
    );
    return 1;
  }
  const network = await ctx.db.network.findUnique({
    where: { slug },
    select: { id: true, name: true, defaultLocale: true },
  });
  if (!network) {
    ctx.err(`No network "${slug}". "npm run admin -- network list" shows them.`);
    return 1;
  }
  const organisation = values.organisation
    ? await findOrganisationByName(ctx.db, network.id, values.organisation)
    : undefined;
  if (values.organisation && !organisation) {
    ctx.err(`No organisation "${values.organisation}" in ${network.name}.`);
    return 1;
  }
  const invitation = await issueInvitation(ctx.db, {
    networkId: network.id,
    role,
    organisationId: organisation?.id,
    maxUses,
    days,
    now: new Date(),
  });
  // What to hand to the person invited, in the network's language.
  const t = createTranslator(network.defaultLocale);
  ctx.out(
    `Invitation into ${network.name} (${slug}) as ${role}${organisation ? ` of ${organisation.name}` : ""}: ${maxUses} use(s), valid until ${formatExpiry(invitation.expiresAt, network.defaultLocale)} (Paris time).`,
  );
  ctx.out("");
  for (const line of howToJoin(t, invitation.code, { platforms: configuredPlatforms(ctx.config) })) ctx.out(line);
  return 0;
}

/** `invite <slug> --role <role>`: a one-time invitation into a network, printed for the administrator to hand out. */
export const inviteCommand: AdminCommand = {
  words: ["invite"],
  summary: "create an invitation into a network with a role (the first coordinator's, for instance)",
  help: HELP,
  run,
};
