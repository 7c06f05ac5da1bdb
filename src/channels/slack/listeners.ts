import type { App } from "@slack/bolt";
import type { Logger } from "pino";
import type { Dispatch } from "../../core/dispatch.ts";
import { type Answers, OPEN_FORM } from "./answers.ts";
import {
  type DirectMessageEvent,
  fromBlockAction,
  fromDirectMessage,
  fromHomeOpened,
  fromSlashCommand,
  fromViewSubmission,
  type SlackInbound,
} from "./map.ts";
import type { People } from "./people.ts";
import { homeView } from "./render.ts";
import type { SlackSender } from "./send.ts";

export interface ListenerDeps {
  dispatch: Dispatch;
  answers: Answers;
  sender: SlackSender;
  people: People;
  log: Logger;
  /** The slash command, e.g. `/reseau`. */
  command: string;
  /** What the App Home asks the core for: the profile command's word. */
  homeText: string;
  now: () => Date;
  /** Runs one member action to its end; the adapter counts them so `stop` can wait. */
  track: (work: () => Promise<void>) => Promise<void>;
}

/**
 * Wires Slack's entry points to the core. Commands, buttons and forms are acknowledged first
 * (Slack's 3 s deadline), then dispatched, then answered.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { dispatch, answers, log, now, track } = deps;

  // The Home tab shows the member's profile: asked for on opening, and again after a change made from it.
  async function publishHome(userId: string, teamId: string, eventId: string): Promise<void> {
    const replies = await dispatch(
      await deps.people.describe(fromHomeOpened(userId, eventId, teamId, deps.homeText, now()).inbound, userId),
    );
    if (replies.length > 0) await deps.sender.publishHome(userId, homeView(replies));
  }

  const answer = (slack: SlackInbound) =>
    track(async () => {
      const input = slack.inbound.input;
      // An "open" button stands for a form that had no trigger_id to open with; Slack gives one now.
      if (
        input.kind === "action" &&
        input.actionId.startsWith(OPEN_FORM) &&
        (await answers.openRemembered(input.actionId, slack.target))
      )
        return;
      const replies = await dispatch(await deps.people.describe(slack.inbound, slack.target.userId));
      await answers.send(replies, slack.target);
      const { home, userId, teamId } = slack.target;
      if (home && input.kind === "form" && replies.length > 0)
        await publishHome(userId, teamId, `${slack.inbound.eventId}:home`);
    });

  app.command(deps.command, async ({ command, ack }) => {
    await ack();
    await answer(fromSlashCommand(command, now()));
  });

  app.event("message", async ({ event, body }) => {
    const message = event as Partial<DirectMessageEvent> & { subtype?: string; bot_id?: string };
    // Only what a person typed to the bot: no edits, joins, or bot messages (ours included).
    if (message.channel_type !== "im" || message.subtype || message.bot_id || !message.user || !message.channel) return;
    await answer(fromDirectMessage(message as DirectMessageEvent, body.event_id, body.team_id, now()));
  });

  app.action(/.*/, async ({ body, ack }) => {
    await ack();
    if (body.type !== "block_actions") return;
    const slack = fromBlockAction(body, now());
    if (slack) await answer(slack);
  });

  app.view({ callback_id: "form", type: "view_submission" }, async ({ body, ack }) => {
    // An empty acknowledgement closes the modal; the answers follow as messages.
    await ack();
    if (body.type === "view_submission") await answer(fromViewSubmission(body, now()));
  });

  app.event("app_home_opened", async ({ event, body }) => {
    if (event.tab !== "home") return;
    await track(() => publishHome(event.user, body.team_id, body.event_id));
  });

  app.error(async (error) => {
    log.error({ err: error }, "slack: a listener failed");
  });
}
