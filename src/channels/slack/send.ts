import { type types, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { Reply } from "../../core/reply.ts";
import { type ContentFile, directChannel, isUserId, uploadArguments } from "./files.ts";
import { boltLogger } from "./logger.ts";
import type { ChannelPacer } from "./pacer.ts";
import { messagePayload as payload } from "./render.ts";

/** How hard to retry a failed Slack call: 5xx and network errors back off; 429 waits Retry-After. */
export interface RetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

/** Production: about 30 s of retries in all, enough for a Slack hiccup, short enough for a chat. */
export const PRODUCTION_RETRY: RetryPolicy = { retries: 5, minTimeoutMs: 1_000, maxTimeoutMs: 15_000 };

/** One attempt per call: for deliveries, which the delivery engine retries from its outbox. */
export const NO_RETRY: RetryPolicy = { retries: 0, minTimeoutMs: 0, maxTimeoutMs: 0 };

/** The Web API client pointed at `apiUrl`: Slack's own retries, each failed attempt logged (or one attempt, see NO_RETRY). */
export function createWebClient(
  token: string,
  apiUrl: string | undefined,
  log: Logger,
  retry: RetryPolicy,
  options: { timeoutMs?: number; rejectRateLimitedCalls?: boolean } = {},
): webApi.WebClient {
  const onFailedAttempt = (error: Error & { attemptNumber?: number; retriesLeft?: number }) => {
    log.warn(
      { err: error.message, attempt: error.attemptNumber, retriesLeft: error.retriesLeft },
      "slack API call failed; retrying",
    );
  };
  return new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
    logger: boltLogger(log),
    timeout: options.timeoutMs ?? 10_000,
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    // p-retry reads onFailedAttempt from this object; Slack's type only names node-retry's options.
    // Without retries it would announce one that never comes: the caller logs the failure instead.
    retryConfig: {
      retries: retry.retries,
      factor: 2,
      minTimeout: retry.minTimeoutMs,
      maxTimeout: retry.maxTimeoutMs,
      randomize: true,
      ...(retry.retries > 0 ? { onFailedAttempt } : {}),
    } as webApi.RetryOptions,
  });
}

/** Sends to Slack; each method logs its own failure and says whether it got through. */
export interface SlackSender {
  postMessage(channel: string, reply: Reply): Promise<boolean>;
  postEphemeral(channel: string, user: string, reply: Reply): Promise<boolean>;
  /** Answers through a command's or a button's response_url, visible to the member only. */
  respond(responseUrl: string, reply: Reply): Promise<boolean>;
  openModal(triggerId: string, view: types.ModalView): Promise<boolean>;
  publishHome(userId: string, view: types.HomeView): Promise<boolean>;
  /**
   * Uploads a reply's files in one message to a conversation, or to a member's DM with the bot when
   * `to` is their user id; `comment` (a reply) is the text shown above them.
   */
  uploadFiles(to: string, files: ContentFile[], comment?: Reply): Promise<boolean>;
}

export interface SenderOptions {
  /** Paces chat.postMessage per channel; shared with proactive deliveries. */
  pacer: ChannelPacer;
  retry: RetryPolicy;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSender(client: webApi.WebClient, log: Logger, options: SenderOptions): SlackSender {
  const { paced, sameChannel } = options.pacer;

  // Posted to a user id, the message lands in their DM, named in the answer: later posts there share its turn.
  async function postPaced(channel: string, reply: Reply): Promise<void> {
    const posted = await paced(channel, () => client.chat.postMessage({ channel, ...payload(reply) }));
    if (posted.channel && posted.channel !== channel) sameChannel(channel, posted.channel);
  }

  // Sharing files writes a message in the conversation: it takes the channel's turn like a post.
  async function uploadPaced(to: string, files: ContentFile[], comment?: Reply): Promise<void> {
    const channel = isUserId(to) ? await directChannel(client, options.pacer, to) : to;
    await paced(channel, () => client.files.uploadV2(uploadArguments(channel, files, comment)));
  }

  async function attempt(
    what: string,
    context: Record<string, unknown>,
    call: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      log.error({ err: error, method: what, ...context }, "slack: could not deliver");
      return false;
    }
  }

  async function postToHook(url: string, body: unknown): Promise<void> {
    for (let attemptNo = 0; ; attemptNo++) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      }).catch((error: unknown) => error as Error);
      if (!(response instanceof Error) && response.ok) return;
      const transient = response instanceof Error || response.status >= 500 || response.status === 429;
      const problem = response instanceof Error ? response.message : `HTTP ${response.status}`;
      if (!transient || attemptNo >= options.retry.retries) throw new Error(`response_url refused: ${problem}`);
      log.warn({ err: problem, attempt: attemptNo + 1 }, "slack response_url failed; retrying");
      await sleep(Math.min(options.retry.maxTimeoutMs, options.retry.minTimeoutMs * 2 ** attemptNo));
    }
  }

  return {
    postMessage: (channel, reply) => attempt("chat.postMessage", { channel }, () => postPaced(channel, reply)),
    postEphemeral: (channel, user, reply) =>
      attempt("chat.postEphemeral", { channel, user }, () =>
        client.chat.postEphemeral({ channel, user, ...payload(reply) }),
      ),
    respond: (url, reply) =>
      attempt("response_url", {}, () =>
        postToHook(url, { response_type: "ephemeral", replace_original: false, ...payload(reply) }),
      ),
    openModal: (triggerId, view) => attempt("views.open", {}, () => client.views.open({ trigger_id: triggerId, view })),
    publishHome: (userId, view) =>
      attempt("views.publish", { user: userId }, () => client.views.publish({ user_id: userId, view })),
    uploadFiles: (to, files, comment) =>
      attempt("files.uploadV2", { to, files: files.map((f) => f.name) }, () => uploadPaced(to, files, comment)),
  };
}
