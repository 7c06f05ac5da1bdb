import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { cancelBroadcast, confirmBroadcast, editBroadcast } from "./confirm.ts";
import { broadcastForm } from "./form.ts";
import { listBroadcasts, showReport } from "./history.ts";
import { previewBroadcast } from "./preview.ts";

export { broadcastViews } from "./progress.ts";
export { refreshBroadcastProgress } from "./refresh.ts";

const SENDERS: readonly Role[] = ["NETWORK_COORDINATOR", "CLS_COORDINATOR"];

// Buttons: bc:ok:<id> confirm, bc:e:<id> edit, bc:x:<id> cancel, bc:r:<id> report.
const BUTTONS = new Map<string, (ctx: Context, id: string) => Promise<Reply[]>>([
  ["ok", confirmBroadcast],
  ["e", editBroadcast],
  ["x", cancelBroadcast],
  ["r", showReport],
]);

/** `diffuser` prepares a broadcast to a segment (preview, then confirmation); `diffusions` lists the sender's last ones. */
export const broadcastsFeature: Feature = {
  commands: [
    { name: "broadcast", words: "commands.broadcast.words", summary: "commands.broadcast.summary", audience: SENDERS, run: async (ctx) => [await broadcastForm(ctx)] },
    { name: "broadcasts", words: "commands.broadcasts.words", summary: "commands.broadcasts.summary", audience: SENDERS, run: (ctx) => listBroadcasts(ctx) },
  ],
  actions: [
    {
      prefix: "bc",
      audience: SENDERS,
      run: (ctx, [verb = "", id = ""]) => BUTTONS.get(verb)?.(ctx, id) ?? Promise.reject(staleAction()),
    },
  ],
  forms: [{ formId: "broadcast", audience: SENDERS, run: (ctx, values, parts) => previewBroadcast(ctx, values, parts) }],
};
