// The Web API methods the fake Slack answers, as Slack does (ok: false with Slack's error codes).
import { randomUUID } from "node:crypto";
import { blockProblem, viewProblem } from "./blocks.ts";

type Json = Record<string, unknown>;

/** A workspace member the fake knows; `deactivated` members cannot be written to. */
export interface FakeUser {
  realName: string;
  locale?: string;
  deactivated?: boolean;
}

/** What the fake workspace holds: members, archived channels, used trigger ids. */
export interface Workspace {
  teamId: string;
  users: Map<string, FakeUser>;
  archived: Set<string>;
  usedTriggers: Set<string>;
}

const BOT = { user_id: "UBOT", bot_id: "BBOT", user: "reseau", team: "Réseau test" };

/** The bot's IM with a user: `D` and the user id without its `U`, as the contract driver reads it. */
export const imOf = (userId: string) => `D${userId.slice(1)}`;

const refuse = (error: string, detail?: string) => ({ ok: false, error, ...(detail ? { response_metadata: { messages: [detail] } } : {}) });

/** The answer to one Web API call. */
export function apiResult(ws: Workspace, method: string, body: Json): Json {
  switch (method) {
    case "auth.test":
      return { ok: true, url: "https://test.slack.com/", team_id: ws.teamId, ...BOT };
    case "chat.postMessage":
    case "chat.postEphemeral":
      return post(ws, method, body);
    case "conversations.open":
      return openIm(ws, String(body.users ?? ""));
    case "views.open": {
      const trigger = String(body.trigger_id ?? "");
      if (!trigger || ws.usedTriggers.has(trigger)) return refuse("expired_trigger_id");
      ws.usedTriggers.add(trigger);
      const problem = viewProblem(body.view as Json);
      if (problem) return refuse("invalid_arguments", problem);
      return { ok: true, view: { id: `V${randomUUID().slice(0, 8)}`, ...(body.view as object) } };
    }
    case "users.info": {
      const user = ws.users.get(String(body.user));
      if (!user) return refuse("user_not_found");
      const locale = body.include_locale === "true" || body.include_locale === true ? { locale: user.locale ?? "en-US" } : {};
      const profile = { real_name: user.realName, display_name: "" };
      return { ok: true, user: { id: body.user, team_id: ws.teamId, name: user.realName.toLowerCase(), real_name: user.realName, deleted: Boolean(user.deactivated), profile, ...locale } };
    }
    case "views.publish": {
      const problem = viewProblem(body.view as Json);
      return problem ? refuse("invalid_arguments", problem) : { ok: true, view: { id: "VHOME", ...(body.view as object) } };
    }
    default:
      return refuse("unknown_method");
  }
}

function post(ws: Workspace, method: string, body: Json): Json {
  const channel = body.channel;
  if (typeof channel !== "string" || !channel) return refuse("channel_not_found");
  if (ws.archived.has(channel)) return refuse("is_archived");
  if (body.blocks !== undefined) {
    const problem = blockProblem(body.blocks, 50);
    if (problem) return refuse("invalid_blocks", problem);
  }
  const ts = `${(Date.now() / 1000).toFixed(6)}`;
  return method === "chat.postMessage" ? { ok: true, channel, ts, message: { text: body.text, blocks: body.blocks, ts } } : { ok: true, message_ts: ts };
}

// conversations.open with one user: the bot's IM with them, the same id every time.
function openIm(ws: Workspace, users: string): Json {
  if (!users || users.includes(",")) return refuse("invalid_arguments", "one user at a time in this fake");
  if (users === BOT.user_id) return refuse("cannot_dm_bot");
  const user = ws.users.get(users);
  if (!user) return refuse("user_not_found");
  if (user.deactivated) return refuse("user_disabled");
  return { ok: true, channel: { id: imOf(users) } };
}
