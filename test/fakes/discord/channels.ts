import { snowflake } from "./ids.ts";
import { attachmentObjects, type FakeAttachment } from "./multipart.ts";
import { messageObject } from "./payloads.ts";
import { invalidBody, invalidMessage } from "./validate.ts";

/** A message the bot posted in a channel on its own initiative (POST /channels/{id}/messages). */
export interface ChannelMessage {
  id: string;
  channelId: string;
  content: string;
  components: unknown[];
  /** Files uploaded with it. */
  attachments: FakeAttachment[];
  /** performance.now() when Discord accepted it. */
  at: number;
  /** performance.now() of its last edit. */
  editedAt?: number;
}

/** A direct-message channel the bot opened with a user (POST /users/@me/channels). */
export interface DmChannel {
  id: string;
  recipientId: string;
}

export type ChannelAnswer = { status: number; body?: unknown };

const error = (status: number, code: number, message: string): ChannelAnswer => ({ status, body: { code, message } });

/**
 * The channels the bot can post to: the guild's text channels and the DMs it opens. Users marked
 * unknown cannot be DMed (10013), users who block the bot refuse messages (50007), as on Discord.
 */
export class FakeChannels {
  /** Channel id → the messages the bot posted there, in order. */
  readonly messages = new Map<string, ChannelMessage[]>();
  /** User id → their DM channel; Discord returns the same channel when it is opened again. */
  readonly dms = new Map<string, DmChannel>();
  /** How many times the bot asked for a DM channel, per user. */
  readonly dmOpenings = new Map<string, number>();
  readonly unknownUsers = new Set<string>();
  readonly blockingUsers = new Set<string>();
  readonly #guildChannels = new Set<string>();
  readonly #botUser: Record<string, unknown>;

  constructor(botUser: Record<string, unknown>) {
    this.#botUser = botUser;
  }

  /** A text channel of a guild the bot can post in. */
  addGuildChannel(channelId: string): void {
    this.#guildChannels.add(channelId);
  }

  /** The DM channel of a user, if the bot opened one. */
  dmOf(userId: string): DmChannel | undefined {
    return this.dms.get(userId);
  }

  openDm(body: { recipient_id?: string } | undefined): ChannelAnswer {
    const userId = String(body?.recipient_id ?? "");
    this.dmOpenings.set(userId, (this.dmOpenings.get(userId) ?? 0) + 1);
    if (!/^\d{17,20}$/.test(userId)) return invalidBody("recipient_id is not a snowflake");
    if (this.unknownUsers.has(userId)) return error(404, 10013, "Unknown User");
    let dm = this.dms.get(userId);
    if (!dm) {
      dm = { id: snowflake(), recipientId: userId };
      this.dms.set(userId, dm);
    }
    const recipient = {
      id: userId,
      username: `user${userId.slice(-4)}`,
      global_name: null,
      discriminator: "0",
      avatar: null,
    };
    return { status: 200, body: { id: dm.id, type: 1, last_message_id: null, flags: 0, recipients: [recipient] } };
  }

  post(
    channelId: string,
    body: Record<string, unknown> | undefined,
    at: number,
    attachments: FakeAttachment[] = [],
  ): ChannelAnswer {
    const dm = [...this.dms.values()].find((d) => d.id === channelId);
    if (!dm && !this.#guildChannels.has(channelId)) return error(404, 10003, "Unknown Channel");
    if (dm && this.blockingUsers.has(dm.recipientId)) return error(403, 50007, "Cannot send messages to this user");
    const invalid = invalidMessage(body, attachments.length);
    if (invalid) return invalidBody(invalid);
    const message: ChannelMessage = {
      id: snowflake(),
      channelId,
      content: (body?.content as string) ?? "",
      components: (body?.components as unknown[]) ?? [],
      attachments,
      at,
    };
    this.messages.set(channelId, [...(this.messages.get(channelId) ?? []), message]);
    return { status: 200, body: this.messageObject(message) };
  }

  /** PATCH /channels/{id}/messages/{id}: the bot's message gets the fields given; the others stay. */
  edit(
    channelId: string,
    messageId: string,
    body: Record<string, unknown> | undefined,
    at: number,
    attachments: FakeAttachment[] = [],
  ): ChannelAnswer {
    const posted = this.messages.get(channelId);
    const dm = [...this.dms.values()].some((d) => d.id === channelId);
    if (!posted && !dm && !this.#guildChannels.has(channelId)) return error(404, 10003, "Unknown Channel");
    const index = posted?.findIndex((m) => m.id === messageId) ?? -1;
    if (!posted || index < 0) return error(404, 10008, "Unknown Message");
    const current = posted[index]!;
    // New uploads replace the files the message had (the `attachments` field lists those kept).
    const next = {
      content: (body?.content as string | undefined) ?? current.content,
      components: (body?.components as unknown[] | undefined) ?? current.components,
      attachments: attachments.length > 0 ? attachments : current.attachments,
    };
    const invalid = invalidMessage(next, next.attachments.length);
    if (invalid) return invalidBody(invalid);
    const edited: ChannelMessage = { ...current, ...next, editedAt: at };
    posted[index] = edited;
    return { status: 200, body: this.messageObject(edited) };
  }

  /** The message as Discord returns it, and as it comes back inside a component interaction. */
  messageObject(m: ChannelMessage): Record<string, unknown> {
    return messageObject({
      id: m.id,
      type: 0,
      channel_id: m.channelId,
      content: m.content,
      components: m.components,
      attachments: attachmentObjects(m.attachments, m.channelId),
      flags: 0,
      author: this.#botUser,
    });
  }
}
