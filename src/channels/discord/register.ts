import { setTimeout as sleep } from "node:timers/promises";
import { type Client, Events, Routes } from "discord.js";
import type { Logger } from "pino";
import type { CommandInfo } from "../../core/command-catalog.ts";
import { buildSlashCommands, DM_CONTEXTS, GUILD_CONTEXTS } from "./commands.ts";

/**
 * The gateway client's REST does not pace the global limit (it answers interactions, which do not
 * count): declarations in many guilds at once are spaced here, beside the deliveries' 40 a second.
 */
const DECLARATIONS_PER_SECOND = 10;

/** Resolves each caller's turn `intervalMs` after the previous one's, in call order. */
function spacedTurns(intervalMs: number): () => Promise<void> {
  let nextAt = 0;
  return async () => {
    const at = Math.max(Date.now(), nextAt);
    nextAt = at + intervalMs;
    if (at > Date.now()) await sleep(at - Date.now());
  };
}

/**
 * Declares the slash commands: per guild (PUT /applications/{app}/guilds/{guild}/commands, which
 * Discord applies at once) on ready and whenever the bot joins a guild or a guild comes back, and
 * once globally for direct messages only (so a guild never shows each command twice). A bulk
 * overwrite is idempotent; a failure is logged and retried at the next GUILD_CREATE.
 * Returns the map from slash command name to the core's word.
 */
export function registerCommands(
  client: Client,
  applicationId: string,
  commands: CommandInfo[],
  log: Logger,
): Map<string, string> {
  const inGuilds = buildSlashCommands(commands, GUILD_CONTEXTS);
  const inDirectMessages = buildSlashCommands(commands, DM_CONTEXTS);
  const done = new Set<string>();
  const declarationTurn = spacedTurns(1000 / DECLARATIONS_PER_SECOND);

  async function declareInGuild(guildId: string): Promise<void> {
    if (done.has(guildId)) return;
    done.add(guildId);
    try {
      await declarationTurn();
      await client.rest.put(Routes.applicationGuildCommands(applicationId, guildId), { body: inGuilds.bodies });
      log.info({ guildId, commands: inGuilds.bodies.length }, "Discord slash commands declared in a guild");
    } catch (error) {
      done.delete(guildId);
      log.error({ err: error, guildId }, "could not declare the Discord slash commands in a guild");
    }
  }

  client.on(Events.ClientReady, async (ready) => {
    const guilds = [...ready.guilds.cache.keys()];
    try {
      await ready.rest.put(Routes.applicationCommands(applicationId), { body: inDirectMessages.bodies });
    } catch (error) {
      log.error({ err: error }, "could not declare the Discord slash commands for direct messages");
    }
    await Promise.all(guilds.map(declareInGuild));
  });
  client.on(Events.GuildCreate, (guild) => void declareInGuild(guild.id));
  client.on(Events.GuildAvailable, (guild) => void declareInGuild(guild.id));
  return inGuilds.words;
}
