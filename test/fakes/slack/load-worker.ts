// Sends a wave of signed requests from its own thread, so the timings of the bot under test do not
// include the load generator's work (the bench runs the bot, the fake Slack and this in one process).
import { parentPort } from "node:worker_threads";

export interface LoadRequest {
  body: string;
  headers: Record<string, string>;
}
export interface LoadResult {
  sentAt: number;
  ackMs: number;
  status: number;
}

parentPort?.on("message", async ({ url, requests }: { url: string; requests: LoadRequest[] }) => {
  const results = await Promise.all(
    requests.map(async (request): Promise<LoadResult> => {
      const sentAt = Date.now();
      const started = performance.now();
      const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
      await response.arrayBuffer();
      return { sentAt, ackMs: performance.now() - started, status: response.status };
    }),
  );
  parentPort?.postMessage(results);
});
