import { createHmac, randomUUID } from "node:crypto";

/** The signing secret of the test app; the adapter under test is configured with it. */
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-test";
export const TEAM_ID = "T0TEST";

/** A request as Slack sends it to the request URL. */
export interface SlackRequest {
  body: string;
  contentType: string;
}

/** Slack's v0 signature over `v0:<timestamp>:<body>`, with the app's signing secret. */
export function signatureHeaders(
  body: string,
  options: { secret?: string; timestamp?: number } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const digest = createHmac("sha256", options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest("hex");
  return { "x-slack-signature": `v0=${digest}`, "x-slack-request-timestamp": String(timestamp) };
}

const form = (fields: Record<string, string>): SlackRequest => ({
  body: new URLSearchParams(fields).toString(),
  contentType: "application/x-www-form-urlencoded",
});
const interaction = (payload: object): SlackRequest => form({ payload: JSON.stringify(payload) });

export interface Person {
  userId: string;
  name: string;
}

/** `/reseau <text>` typed in a channel (or a DM) of the workspace. */
export function slashCommand(
  who: Person,
  text: string,
  where: { channelId: string; channelName: string },
  responseUrl: string,
  triggerId: string = randomUUID(),
): SlackRequest {
  return form({
    token: "verification-token-unused",
    team_id: TEAM_ID,
    team_domain: "reseau-test",
    channel_id: where.channelId,
    channel_name: where.channelName,
    user_id: who.userId,
    user_name: who.name,
    command: "/reseau",
    text,
    api_app_id: "A0TEST",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId,
  });
}

function eventCallback(
  event: object,
  eventId = `Ev${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`,
): SlackRequest {
  return {
    body: JSON.stringify({
      token: "verification-token-unused",
      team_id: TEAM_ID,
      api_app_id: "A0TEST",
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM_ID, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    }),
    contentType: "application/json",
  };
}

/** A direct message to the bot (Events API `message.im`). */
export function directMessage(who: Person, text: string, channelId: string): SlackRequest {
  const ts = `${(Date.now() / 1000).toFixed(6)}`;
  return eventCallback({
    type: "message",
    channel: channelId,
    user: who.userId,
    text,
    ts,
    event_ts: ts,
    channel_type: "im",
  });
}

/** The member opens the bot's Home tab. */
export function appHomeOpened(who: Person): SlackRequest {
  return eventCallback({
    type: "app_home_opened",
    user: who.userId,
    channel: `D${who.userId.slice(1)}`,
    tab: "home",
    event_ts: `${Date.now() / 1000}`,
  });
}

/** Where a pressed element was: a message (ephemeral or not) in a channel. */
export interface PressedIn {
  channelId: string;
  messageTs: string;
  ephemeral: boolean;
}

/** A `block_actions` payload for a button or a menu entry. */
export function blockAction(
  who: Person,
  where: PressedIn,
  action: object,
  responseUrl: string,
  triggerId: string = randomUUID(),
): SlackRequest {
  return interaction({
    type: "block_actions",
    user: { id: who.userId, username: who.name, name: who.name, team_id: TEAM_ID },
    api_app_id: "A0TEST",
    token: "verification-token-unused",
    container: {
      type: "message",
      message_ts: where.messageTs,
      channel_id: where.channelId,
      is_ephemeral: where.ephemeral,
    },
    trigger_id: triggerId,
    team: { id: TEAM_ID, domain: "reseau-test" },
    channel: { id: where.channelId, name: where.channelId.startsWith("D") ? "directmessage" : "general" },
    response_url: responseUrl,
    actions: [{ ...action, action_ts: `${Date.now() / 1000}` }],
  });
}

/** A `view_submission` of a modal with these state values. */
export function viewSubmission(
  who: Person,
  view: { id: string; callback_id: string; private_metadata: string },
  values: Record<string, Record<string, object>>,
  triggerId = randomUUID(),
): SlackRequest {
  return interaction({
    type: "view_submission",
    team: { id: TEAM_ID, domain: "reseau-test" },
    user: { id: who.userId, username: who.name, name: who.name, team_id: TEAM_ID },
    api_app_id: "A0TEST",
    token: "verification-token-unused",
    trigger_id: triggerId,
    view: { ...view, type: "modal", team_id: TEAM_ID, state: { values }, hash: "1.hash" },
    response_urls: [],
  });
}
