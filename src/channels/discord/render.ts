import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type MessageActionRowComponentBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
} from "discord.js";
import type { Logger } from "pino";
import type { Choice, Reply } from "../../core/reply.ts";
import { clip, splitText } from "../text.ts";
import { plainForDiscord } from "./escape.ts";
import { type Upload, uploadsOf } from "./uploads.ts";

/** A message ready for discord.js: text, rows of components (validated by the builders), files to upload, visibility. */
export interface RenderedMessage {
  content: string;
  components: ActionRowBuilder<MessageActionRowComponentBuilder>[];
  uploads: Upload[];
  private: boolean;
}

/** Discord's limits (https://discord.com/developers/docs/components/reference). */
export const CONTENT_MAX = 2000;
const CUSTOM_ID_MAX = 100;
const ROWS_MAX = 5;
const BUTTONS_PER_ROW = 5;
const OPTIONS_PER_MENU = 25;

/** Custom id of the menus we draw when there are too many choices for buttons; the picked value is the choice id. */
export const MENU_PREFIX = "discord.menu:";

/** Choices Discord can carry: ids of at most 100 characters, each once per message. */
function usableChoices(choices: Choice[], log: Logger): Choice[] {
  const seen = new Set<string>();
  return choices.filter((c) => {
    if (c.id.length > CUSTOM_ID_MAX || seen.has(c.id)) {
      log.error(
        { choiceId: c.id },
        "a choice id Discord cannot carry (longer than 100 characters, or repeated) was left out",
      );
      return false;
    }
    seen.add(c.id);
    return true;
  });
}

const buttonStyle = (choice: Choice) =>
  choice.style === "primary"
    ? ButtonStyle.Primary
    : choice.style === "danger"
      ? ButtonStyle.Danger
      : ButtonStyle.Secondary;

/** Up to 25 choices become buttons (5 per row); more become menus of 25 entries each. */
export function choiceRows(choices: Choice[], log: Logger): ActionRowBuilder<MessageActionRowComponentBuilder>[] {
  const usable = usableChoices(choices, log);
  const rows: ActionRowBuilder<MessageActionRowComponentBuilder>[] = [];
  if (usable.length <= ROWS_MAX * BUTTONS_PER_ROW) {
    for (let i = 0; i < usable.length; i += BUTTONS_PER_ROW) {
      const buttons = usable
        .slice(i, i + BUTTONS_PER_ROW)
        .map((c) => new ButtonBuilder().setCustomId(c.id).setLabel(clip(c.label, 80)).setStyle(buttonStyle(c)));
      rows.push(new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(buttons));
    }
    return rows;
  }
  const capacity = ROWS_MAX * OPTIONS_PER_MENU;
  if (usable.length > capacity)
    log.error({ choices: usable.length }, "more choices than five Discord menus hold; the last ones were left out");
  for (let i = 0; i < Math.min(usable.length, capacity); i += OPTIONS_PER_MENU) {
    const options = usable
      .slice(i, i + OPTIONS_PER_MENU)
      .map((c) => new StringSelectMenuOptionBuilder().setValue(c.id).setLabel(clip(c.label, 100)));
    const menu = new StringSelectMenuBuilder()
      .setCustomId(`${MENU_PREFIX}${i / OPTIONS_PER_MENU}`)
      .setMinValues(1)
      .setMaxValues(1)
      .addOptions(options);
    rows.push(new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(menu));
  }
  return rows;
}

/**
 * One Reply as Discord messages: long texts split, the choices and the uploaded files under the
 * last piece; a file with only a url is a line of text.
 */
export function renderReply(
  reply: Reply,
  log: Logger,
  extraRows: ActionRowBuilder<MessageActionRowComponentBuilder>[] = [],
): RenderedMessage[] {
  const rows = [...choiceRows(reply.choices ?? [], log), ...extraRows].slice(0, ROWS_MAX);
  const { uploads, links } = uploadsOf(reply.files ?? [], log);
  const text = [plainForDiscord(reply.text), ...links.map((f) => `${plainForDiscord(f.name)}: ${f.url}`)]
    .filter(Boolean)
    .join("\n");
  if (!text.trim() && rows.length === 0 && uploads.length === 0) return [];
  // A message of buttons or files only still needs one (empty) piece to carry them.
  const split = splitText(text, CONTENT_MAX);
  const pieces = split.length > 0 ? split : [""];
  return pieces.map((content, i) => ({
    content,
    components: i === pieces.length - 1 ? rows : [],
    uploads: i === pieces.length - 1 ? uploads : [],
    private: reply.visibility === "private",
  }));
}

/** A button that opens a form later, when Discord no longer lets us open it as the answer. */
export function openFormRow(customId: string, title: string): ActionRowBuilder<MessageActionRowComponentBuilder> {
  return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
    new ButtonBuilder().setCustomId(customId).setLabel(clip(title, 80)).setStyle(ButtonStyle.Primary),
  );
}
