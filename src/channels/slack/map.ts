import type { BlockAction, SlashCommand, ViewSubmitAction } from "@slack/bolt";
import type { InboundCommand, Input } from "../../core/inbound.ts";
import { decodeOption } from "./option-values.ts";
import { CHOICE_MENU } from "./render.ts";

/** Where the answers to one member action go, and what Slack gave to answer it natively. */
export interface ReplyTarget {
  teamId: string;
  userId: string;
  /** The conversation the member acted in; undefined on the App Home tab. */
  channelId?: string | undefined;
  /** The member's direct-message conversation with the bot: private replies are ordinary messages there. */
  botIm: boolean;
  /** Slack's reply hook for commands and button presses (answers even where the bot is not a member). */
  responseUrl?: string | undefined;
  /** Opens one modal within 3 s of the member's action. */
  triggerId?: string | undefined;
  /** The member acted on the App Home tab, which is republished afterwards. */
  home?: boolean | undefined;
}

/** A member action as the core sees it, and where its replies go. */
export interface SlackInbound {
  inbound: InboundCommand;
  target: ReplyTarget;
}

/** What a modal carries back on submission: the form id, and where the conversation was. */
export interface FormMetadata {
  formId: string;
  channelId?: string | undefined;
  botIm?: boolean | undefined;
  responseUrl?: string | undefined;
  home?: boolean | undefined;
}

/** A direct-message event (Events API `message.im`), reduced to what is mapped. */
export interface DirectMessageEvent {
  user: string;
  text?: string;
  channel: string;
  channel_type?: string;
}

function inbound(
  eventId: string,
  teamId: string,
  userId: string,
  name: string,
  privateChat: boolean,
  input: Input,
  receivedAt: Date,
): InboundCommand {
  return {
    eventId,
    platform: "slack",
    externalUserId: `${teamId}:${userId}`,
    displayName: name || userId,
    // In Slack, a direct message still belongs to the workspace: the team binds both.
    scopeId: teamId,
    conversation: privateChat ? "private" : "group",
    forms: "native",
    input,
    receivedAt,
  };
}

/** `/reseau <text>`: the text is what the member says. */
export function fromSlashCommand(command: SlashCommand, receivedAt: Date): SlackInbound {
  const im = command.channel_name === "directmessage" || command.channel_id.startsWith("D");
  return {
    inbound: inbound(
      command.trigger_id,
      command.team_id,
      command.user_id,
      command.user_name,
      im,
      { kind: "text", text: command.text },
      receivedAt,
    ),
    // A slash command may come from a DM between two people: answers go through the hook, never as the bot's message there.
    target: {
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      botIm: false,
      responseUrl: command.response_url,
      triggerId: command.trigger_id,
    },
  };
}

/** A message the member sent the bot in their direct-message conversation. */
export function fromDirectMessage(
  event: DirectMessageEvent,
  eventId: string,
  teamId: string,
  receivedAt: Date,
): SlackInbound {
  return {
    inbound: inbound(
      eventId,
      teamId,
      event.user,
      event.user,
      true,
      { kind: "text", text: event.text ?? "" },
      receivedAt,
    ),
    target: { teamId, userId: event.user, channelId: event.channel, botIm: true },
  };
}

/** A pressed button or a picked menu entry: its value is the core's choice id, opaque to the member. */
export function fromBlockAction(body: BlockAction, receivedAt: Date): SlackInbound | undefined {
  const action = body.actions[0];
  if (!action) return undefined;
  const actionId =
    action.type === "static_select" && action.action_id.startsWith(CHOICE_MENU)
      ? decodeOption(action.selected_option?.value ?? "")
      : action.action_id;
  if (!actionId) return undefined;
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const channelId = body.channel?.id ?? body.container?.channel_id;
  // A non-ephemeral message in a DM that carries our buttons was posted by the bot: it is the bot's DM.
  const botIm = Boolean(channelId?.startsWith("D") && body.container?.is_ephemeral === false);
  return {
    inbound: inbound(
      body.trigger_id,
      teamId,
      body.user.id,
      body.user.name ?? body.user.username,
      isOneToOne(channelId),
      { kind: "action", actionId },
      receivedAt,
    ),
    target: {
      teamId,
      userId: body.user.id,
      channelId,
      botIm,
      responseUrl: body.response_url,
      triggerId: body.trigger_id,
      home: body.view?.type === "home",
    },
  };
}

/** A submitted modal: values by field name, and the conversation it was opened from. */
export function fromViewSubmission(body: ViewSubmitAction, receivedAt: Date): SlackInbound {
  const meta = readFormMetadata(body.view.private_metadata);
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const values: Record<string, string | string[]> = {};
  for (const [blockId, actions] of Object.entries(body.view.state.values)) {
    for (const state of Object.values(actions)) {
      const value = state.selected_options
        ? state.selected_options.map((o) => decodeOption(o.value))
        : state.type === "static_select"
          ? decodeOption(state.selected_option?.value ?? "")
          : (state.value ?? state.selected_date ?? "");
      values[blockId] = value;
    }
  }
  return {
    inbound: inbound(
      body.trigger_id,
      teamId,
      body.user.id,
      body.user.name,
      isOneToOne(meta.channelId),
      { kind: "form", formId: meta.formId, values },
      receivedAt,
    ),
    target: {
      teamId,
      userId: body.user.id,
      channelId: meta.channelId,
      botIm: meta.botIm ?? false,
      responseUrl: meta.responseUrl,
      triggerId: body.trigger_id,
      home: meta.home,
    },
  };
}

/** Opening the App Home tab asks the core for the member's profile. */
export function fromHomeOpened(
  userId: string,
  eventId: string,
  teamId: string,
  text: string,
  receivedAt: Date,
): SlackInbound {
  return {
    inbound: inbound(eventId, teamId, userId, userId, true, { kind: "text", text }, receivedAt),
    target: { teamId, userId, botIm: false },
  };
}

// A direct message, or the App Home tab (no channel): only the member and the bot are there.
const isOneToOne = (channelId: string | undefined) => !channelId || channelId.startsWith("D");

/** Serialises what a modal must remember; Slack allows 3000 characters, a response URL fits. */
export function writeFormMetadata(meta: FormMetadata): string {
  const json = JSON.stringify(meta);
  return json.length <= 3000 ? json : JSON.stringify({ ...meta, responseUrl: undefined });
}

function readFormMetadata(raw: string): FormMetadata {
  try {
    const parsed = JSON.parse(raw) as Partial<FormMetadata>;
    if (typeof parsed.formId === "string") return parsed as FormMetadata;
  } catch {
    // A modal opened by an older version carried the bare form id.
  }
  return { formId: raw };
}
