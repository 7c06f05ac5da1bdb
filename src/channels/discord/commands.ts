import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import type { CommandInfo } from "../../core/command-catalog.ts";

/** The one option every slash command takes: what the member would type after the word. */
export const TEXT_OPTION = "texte";
const TEXT_OPTION_EN = "text";

/** Discord's rule for command and option names (lower case; we keep to ascii so members can type them). */
const NAME = /^[a-z0-9_-]{1,32}$/;

/** "démarrer" → "demarrer": Discord would accept the accent, but members type the ascii form more easily. */
export function slashName(word: string): string | undefined {
  const ascii = word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  return NAME.test(ascii) ? ascii : undefined;
}

function firstName(words: string[]): { name: string; word: string } | undefined {
  for (const word of words) {
    const name = slashName(word);
    if (name) return { name, word };
  }
  return undefined;
}

/** Discord's descriptions are 1 to 100 characters. */
function description(text: string): string {
  const trimmed = text.trim() || "-";
  return trimmed.length <= 100 ? trimmed : `${trimmed.slice(0, 99)}…`;
}

/** The slash commands to declare, and the word each one stands for when a member uses it. */
export interface SlashCatalog {
  bodies: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  /** Slash command name → the core's word ("demarrer" → "démarrer"). */
  words: Map<string, string>;
}

/**
 * One chat-input command per core command, named after its first French word that fits Discord's
 * rules, localised for en-US / en-GB from the English words and summaries; built with discord.js's
 * builders, which assert Discord's limits. `contexts` says where the commands appear.
 */
export function buildSlashCommands(commands: CommandInfo[], contexts: InteractionContextType[]): SlashCatalog {
  const bodies: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  const words = new Map<string, string>();
  for (const command of commands) {
    const fr = firstName(command.words.fr);
    if (!fr || words.has(fr.name)) continue;
    const en = firstName(command.words.en);
    const builder = new SlashCommandBuilder()
      .setName(fr.name)
      .setDescription(description(command.summary.fr))
      .setContexts(...contexts)
      .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
      // The summary is the best sentence the catalogue has about what follows the word.
      .addStringOption((option) =>
        option
          .setName(TEXT_OPTION)
          .setNameLocalizations({ "en-US": TEXT_OPTION_EN, "en-GB": TEXT_OPTION_EN })
          .setDescription(description(command.summary.fr))
          .setDescriptionLocalizations({
            "en-US": description(command.summary.en),
            "en-GB": description(command.summary.en),
          })
          .setRequired(false)
          .setMaxLength(1000),
      );
    if (en && en.name !== fr.name) builder.setNameLocalizations({ "en-US": en.name, "en-GB": en.name });
    builder.setDescriptionLocalizations({
      "en-US": description(command.summary.en),
      "en-GB": description(command.summary.en),
    });
    bodies.push(builder.toJSON());
    words.set(fr.name, fr.word);
  }
  return { bodies, words };
}

/** Commands offered inside servers (registered per guild) and in direct messages (registered globally). */
export const GUILD_CONTEXTS = [InteractionContextType.Guild];
export const DM_CONTEXTS = [InteractionContextType.BotDM];
