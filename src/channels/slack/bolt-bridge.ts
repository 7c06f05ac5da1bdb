import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { WebhookRequest, WebhookResponse } from "../../core/webhook.ts";

/**
 * Runs Bolt's HTTP request listener on a request already read: Bolt takes a request whose `rawBody`
 * is a Buffer as read (it verifies the signature over those bytes), and answers through
 * `writeHead`/`end`, which resolve the returned promise. Only what Bolt's HTTPReceiver uses of
 * Node's request and response is there.
 */
export function answerThroughBolt(
  listener: RequestListener,
  path: string,
  request: WebhookRequest,
): Promise<WebhookResponse> {
  return new Promise((resolve, reject) => {
    const url = request.query ? `${path}?${request.query}` : path;
    const req = { method: "POST", url, headers: request.headers, rawBody: request.rawBody };
    let status = 200;
    const headers: Record<string, string> = {};
    const res = {
      headersSent: false,
      writeHead(code: number, given?: Record<string, string>) {
        status = code;
        Object.assign(headers, given);
        res.headersSent = true;
        return res;
      },
      end(body?: string) {
        res.headersSent = true;
        resolve({ status, headers, ...(body ? { body } : {}) });
        return res;
      },
    };
    try {
      listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    } catch (error) {
      reject(error);
    }
  });
}
