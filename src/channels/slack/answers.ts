import { randomUUID } from "node:crypto";
import type { Form, Reply } from "../../core/reply.ts";
import { contentFiles } from "./files.ts";
import { type ReplyTarget, writeFormMetadata } from "./map.ts";
import type { ChannelPacer } from "./pacer.ts";
import { formModal, hasMessage } from "./render.ts";
import type { SlackSender } from "./send.ts";

/** Action id prefix of the button that opens a form Slack could not open at once (no trigger_id). */
export const OPEN_FORM = "slack-form:";
const REMEMBERED_FORMS = 1_000;

type FormReply = Reply & { form: Form };
/** Where a reply's files are uploaded: a conversation or a member (their DM), with the reply's text or not. */
type FilesGo = { to: string; withText?: boolean };

/** Puts a dispatch's replies where the member who acted sees them, natively (answers, not deliveries). */
export interface Answers {
  send(replies: Reply[], target: ReplyTarget): Promise<void>;
  /** Opens a form remembered behind an "open" button; false when it is no longer known. */
  openRemembered(actionId: string, target: ReplyTarget): Promise<boolean>;
}

/** Answers through the retrying sender: a member waits for them, so they are retried at once. */
export function createAnswers(sender: SlackSender, pacer: Pick<ChannelPacer, "sameChannel">): Answers {
  // Forms waiting behind a button, newest last; a restart forgets them and the press reaches the
  // core, which answers a stale action with its own sentence.
  const remembered = new Map<string, FormReply>();

  function openModal(reply: FormReply, target: ReplyTarget, triggerId: string): Promise<boolean> {
    const meta = writeFormMetadata({
      formId: reply.form.id,
      channelId: target.channelId,
      botIm: target.botIm,
      responseUrl: target.responseUrl,
      home: target.home,
    });
    return sender.openModal(triggerId, formModal(reply, meta));
  }

  // Private answers: the bot's DM, else the response hook, else an ephemeral, else a DM.
  // Says where the reply's files go: beside the message, or to the member's DM (by user id) with
  // the text above them when the message was ephemeral, since Slack cannot upload a file ephemerally.
  async function postMessage(reply: Reply, target: ReplyTarget): Promise<FilesGo> {
    const { channelId, userId } = target;
    if (reply.visibility === "public" && channelId && (await sender.postMessage(channelId, reply)))
      return { to: channelId };
    if (target.botIm && channelId) {
      // Deliveries name the member by user id: they and these answers take turns in this DM.
      pacer.sameChannel(userId, channelId);
      await sender.postMessage(channelId, reply);
      return { to: channelId };
    }
    if (target.responseUrl && (await sender.respond(target.responseUrl, reply))) return { to: userId, withText: true };
    if (channelId && !channelId.startsWith("D") && (await sender.postEphemeral(channelId, userId, reply)))
      return { to: userId, withText: true };
    await sender.postMessage(userId, reply);
    return { to: userId };
  }

  // The message first (the member sees the answer at once), then its files in the same place.
  async function sendMessage(reply: Reply, target: ReplyTarget): Promise<void> {
    const files = contentFiles(reply);
    if (files.length === 0) return void (await postMessage(reply, target));
    const { channelId, userId } = target;
    const go = hasMessage(reply)
      ? await postMessage(reply, target)
      : { to: channelId && (reply.visibility === "public" || target.botIm) ? channelId : userId };
    if (await sender.uploadFiles(go.to, files, go.withText ? reply : undefined)) return;
    // A channel the bot cannot share files in: the member still gets them, in their DM.
    if (go.to !== userId && !target.botIm) await sender.uploadFiles(userId, files, reply);
  }

  return {
    async send(replies, target) {
      let triggerId = target.triggerId;
      for (const reply of replies) {
        if (!reply.form) {
          await sendMessage(reply, target);
          continue;
        }
        const formReply = reply as FormReply;
        // A trigger_id opens one modal only, within 3 s of the member's action.
        if (triggerId && (await openModal(formReply, target, triggerId))) {
          triggerId = undefined;
          continue;
        }
        triggerId = undefined;
        const key = randomUUID();
        remembered.set(key, formReply);
        if (remembered.size > REMEMBERED_FORMS) remembered.delete(remembered.keys().next().value!);
        await sendMessage(
          {
            text: reply.text,
            visibility: reply.visibility,
            choices: [{ id: `${OPEN_FORM}${key}`, label: reply.form.title, style: "primary" }],
          },
          target,
        );
      }
    },
    async openRemembered(actionId, target) {
      const reply = remembered.get(actionId.slice(OPEN_FORM.length));
      if (!reply || !target.triggerId) return false;
      return openModal(reply, target, target.triggerId);
    },
  };
}
