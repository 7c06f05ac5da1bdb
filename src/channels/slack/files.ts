import type { webApi } from "@slack/bolt";
import type { FileRef, Reply } from "../../core/reply.ts";
import type { ChannelPacer } from "./pacer.ts";
import { fallbackText } from "./render.ts";

/** A file whose bytes travel with the reply: Slack gets it as an upload, not as a link. */
export type ContentFile = FileRef & { content: Uint8Array };

/** The reply's files that carry bytes (a file with only a `url` stays a link in the message). */
export function contentFiles(reply: Reply): ContentFile[] {
  return (reply.files ?? []).filter((file): file is ContentFile => file.content !== undefined);
}

/** A member's user id (`U…`, or `W…` on Enterprise Grid), as opposed to a conversation id (`C…`, `G…`, `D…`). */
export const isUserId = (id: string): boolean => /^[UW][A-Z0-9]+$/.test(id);

/**
 * The bot's direct conversation with a member. chat.postMessage accepts a user id, but
 * files.completeUploadExternal wants a conversation id, and Slack has no ephemeral files: files meant
 * for one member go to this DM. Posts named by the user id then share the DM's pacing turn.
 */
export async function directChannel(
  client: webApi.WebClient,
  pacer: Pick<ChannelPacer, "sameChannel">,
  userId: string,
): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error(`conversations.open named no conversation for ${userId}`);
  pacer.sameChannel(userId, channel);
  return channel;
}

/**
 * files.uploadV2's arguments: every file of one reply in one call, so Slack shares them together in
 * one message (files.completeUploadExternal) or not at all. `comment` is text shown above them, used
 * when the reply's own message went elsewhere (an ephemeral answer whose files land in the DM).
 */
export function uploadArguments(channel: string, files: ContentFile[], comment?: Reply): webApi.FilesUploadV2Arguments {
  return {
    channel_id: channel,
    file_uploads: files.map((file) => ({ file: Buffer.from(file.content), filename: file.name, title: file.name })),
    ...(comment?.text.trim() ? { initial_comment: fallbackText(comment) } : {}),
  };
}

/** The ids of the files files.uploadV2 shared (from each files.completeUploadExternal answer). */
export function uploadedFileIds(result: webApi.WebAPICallResult): string[] {
  const completions = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  return completions.flatMap((completion) => completion.files ?? []).flatMap((file) => (file.id ? [file.id] : []));
}
