import { randomUUID } from "node:crypto";
import type { Chat, InlineKeyboardButton, Message, Update, User } from "grammy/types";
import { type Logger, pino } from "pino";
import { botCommands } from "../../../src/bot.ts";
import { createTelegramAdapter, type TelegramAdapterOptions } from "../../../src/channels/telegram/index.ts";
import { scaleLimits, TELEGRAM_LIMITS, type TelegramLimits } from "../../../src/channels/telegram/limits.ts";
import type { ChannelAdapter } from "../../../src/core/channel.ts";
import type { Dispatch } from "../../../src/core/dispatch.ts";
import type { ChannelDriver, SeenReply } from "../../contract/driver.ts";
import { FakeTelegram } from "./server.ts";

export const TEST_TOKEN = "123456:TEST-token-for-the-fake";
/** Telegram's limits with windows 20 times shorter: the same rules, fast enough for tests. */
export const FAST_LIMITS: TelegramLimits = scaleLimits(TELEGRAM_LIMITS, 20);
export const GROUP: Chat = { id: -100123, type: "supergroup", title: "Réseau Tarn-et-Garonne" };

// A button that moves on without changing anything, when the core asks a question step by step.
const KEEP = /garder|conserver|inchang|keep|unchanged|passer|skip/i;

/** The fake server and the adapter polling it, plus helpers to act as Telegram users. */
export interface TelegramHarness extends ChannelDriver {
  fake: FakeTelegram;
  adapter: ChannelAdapter;
  user(person: string): User;
  /** The person's client sends `data` as if a button of `message` was pressed (forged or stale data). */
  pressWithData(person: string, message: Message, data: string): Promise<SeenReply[]>;
}

/** Starts a fake Telegram and the adapter in polling mode against `dispatch`, and drives them as people would. */
export async function createTelegramDriver(
  dispatch: Dispatch,
  options: TelegramAdapterOptions & { log?: Logger; beforeStart?: (fake: FakeTelegram) => void } = {},
): Promise<TelegramHarness> {
  const limits = options.limits ?? FAST_LIMITS;
  const fake = await new FakeTelegram(TEST_TOKEN, limits).listen();
  const waiting = new Map<number, () => void>();
  const adapter = createTelegramAdapter(
    { token: TEST_TOKEN, apiRoot: fake.apiRoot },
    { dispatch, log: options.log ?? pino({ level: "silent" }), commands: botCommands },
    {
      retryBaseMs: options.retryBaseMs ?? 10,
      pollTimeoutSeconds: 5,
      maxAttempts: options.maxAttempts,
      deliveryRetryMs: options.deliveryRetryMs,
      sendTimeoutMs: options.sendTimeoutMs,
      limits,
      onHandled: (id) => {
        waiting.get(id)?.();
        options.onHandled?.(id);
      },
    },
  );
  options.beforeStart?.(fake);
  await adapter.start();

  const users = new Map<string, User>();
  const lastChat = new Map<string, Chat>();
  const lastUpdate = new Map<string, Update>();
  const user = (person: string): User => {
    let found = users.get(person);
    if (!found) {
      found = {
        id: 5000 + users.size,
        is_bot: false,
        first_name: person[0]!.toUpperCase() + person.slice(1),
        last_name: "Test",
        language_code: "fr",
      };
      users.set(person, found);
    }
    return found;
  };
  const privateChat = (person: string): Chat => ({
    id: user(person).id,
    type: "private",
    first_name: user(person).first_name,
  });

  /** Delivers the update and returns what the bot sent in that chat until it had answered. */
  async function deliver(person: string, chat: Chat, update: Update, again = false): Promise<SeenReply[]> {
    const mark = fake.calls.length;
    const handled = new Promise<void>((resolve) => waiting.set(update.update_id, resolve));
    if (again) fake.redeliver(update);
    else lastUpdate.set(person, update);
    lastChat.set(person, chat);
    await handled;
    waiting.delete(update.update_id);
    return fake.sentMessages(chat.id, mark).map((m) => seen(m, user(person)));
  }

  function lastMessageOffering(person: string, label: string): Message | undefined {
    const chat = lastChat.get(person);
    return fake
      .sentMessages(chat?.id)
      .reverse()
      .find((m) => buttons(m).some((b) => b.text === label));
  }

  const driver: TelegramHarness = {
    platform: "telegram",
    groupScopeId: String(GROUP.id),
    privateScopeId: "private",
    fake,
    adapter,
    user,
    externalId: (person) => String(user(person).id),
    async send(person, text, where = "private") {
      const chat = where === "group" ? GROUP : privateChat(person);
      const message = fake.personMessage(user(person), chat, text);
      return deliver(person, chat, fake.pushUpdate({ message } as Omit<Update, "update_id">));
    },
    async press(person, label) {
      const message = lastMessageOffering(person, label);
      const button = message && buttons(message).find((b) => b.text === label);
      if (!message || !button || !("callback_data" in button)) throw new Error(`${person} sees no button “${label}”`);
      return driver.pressWithData(person, message, button.callback_data);
    },
    async pressWithData(person, message, data) {
      const callback_query = { id: randomUUID(), from: user(person), message, chat_instance: "ci", data };
      return deliver(person, message.chat, fake.pushUpdate({ callback_query } as Omit<Update, "update_id">));
    },
    async submitForm(person, values) {
      // Telegram has no forms: the core asks one question at a time. Answer the questions that
      // name a field we have a value for; press the button that keeps the value for the others.
      const pending = new Map(Object.entries(values));
      const chat = lastChat.get(person);
      let last = chat
        ? fake
            .sentMessages(chat.id)
            .slice(-3)
            .map((m) => seen(m, user(person)))
        : [];
      const all: SeenReply[] = [];
      for (let step = 0; step < 30; step++) {
        const asked = [...pending.keys()].find((label) => last.some((r) => mentions(r.text, label)));
        const keep = last.flatMap((r) => r.choices).find((c) => KEEP.test(c));
        if (asked !== undefined) {
          last = await driver.send(person, pending.get(asked)!, chat?.type === "private" ? "private" : "group");
          pending.delete(asked);
        } else if (keep !== undefined) {
          last = await driver.press(person, keep);
        } else break;
        all.push(...last);
      }
      return all;
    },
    async redeliverLast(person) {
      const update = lastUpdate.get(person);
      const chat = lastChat.get(person);
      if (!update || !chat) throw new Error(`${person} has sent nothing yet`);
      return deliver(person, chat, update, true);
    },
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
  return driver;
}

function buttons(message: Message): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard.flat() ?? [];
}

/** A question names a field by its label, perhaps without the hint in brackets ("(HH:MM)"). */
function mentions(text: string, label: string): boolean {
  const bare = label.replace(/\s*\(.*\)\s*$/, "").trim();
  return text.includes(label) || (bare.length > 0 && text.includes(bare));
}

/** What the person sees of a message: private in their own chat, or when it answers their message in the group. */
function seen(message: Message, person: User): SeenReply {
  const answersThem = message.reply_to_message?.from?.id === person.id;
  return {
    text: message.text ?? message.caption ?? message.document?.file_name ?? "",
    choices: buttons(message).map((b) => b.text),
    private: message.chat.type === "private" || answersThem,
  };
}
