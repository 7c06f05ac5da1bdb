/**
 * A platform's webhook, described without a web framework: the HTTP server (src/http) mounts it,
 * reads the body as bytes (signatures are computed over the exact bytes the platform sent) and
 * writes back what `handle` answers.
 */
export interface WebhookRoute {
  method: "POST";
  /** The path the platform calls, e.g. "/telegram/webhook". */
  path: string;
  /** Bodies past this many bytes are refused before `handle` runs (answered `oversized`, else as the server answers any). */
  bodyLimitBytes: number;
  /** The answer to a body past the limit, when the platform's receiver has its own (Bolt's 413). */
  oversized?: WebhookResponse;
  /**
   * Checked on the headers alone, before the body is read: a response refuses the request (a
   * missing shared secret), undefined lets it through.
   */
  admit?(headers: WebhookHeaders): WebhookResponse | undefined;
  /**
   * Answers one request. It resolves as soon as the platform can be answered (its acknowledgement
   * deadline: 3 s for Slack); the work the event starts may go on after it has resolved.
   */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
}

/** Request headers as Node gives them: lower-case names. */
export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** One request to a webhook: its headers, the body exactly as sent, and the query string. */
export interface WebhookRequest {
  headers: WebhookHeaders;
  rawBody: Buffer;
  /** The query string without its "?" (empty when there is none). */
  query: string;
}

/** The answer to a webhook request; a string body is sent as is, an object as JSON. */
export interface WebhookResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}
