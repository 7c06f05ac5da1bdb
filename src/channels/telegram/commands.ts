import type { BotCommand } from "grammy/types";
import type { CommandInfo } from "../../core/command-catalog.ts";
import type { Locale } from "../../core/i18n.ts";

const TELEGRAM_COMMAND = /^[a-z0-9_]{1,32}$/;

/**
 * The command menu for one language: the first word of each command Telegram accepts as a command
 * name ("démarrer" is refused, so it would be "commencer"; the start command is always /start,
 * which Telegram clients send on their own).
 */
export function menuFor(commands: CommandInfo[], locale: Locale): BotCommand[] {
  const menu: BotCommand[] = [];
  for (const info of commands) {
    const name =
      info.name === "start"
        ? "start"
        : info.words[locale].map((w) => w.toLowerCase()).find((w) => TELEGRAM_COMMAND.test(w));
    const description = info.summary[locale].trim().slice(0, 256);
    if (!name || !description || menu.some((c) => c.command === name)) continue;
    menu.push({ command: name, description });
  }
  return menu;
}
