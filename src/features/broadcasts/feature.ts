import { on } from "../../core/actions.ts";
import type { FeatureModule } from "../module.ts";
import { BC, SENDERS } from "./actions.ts";
import { cancelBroadcast, confirmBroadcast, editBroadcast } from "./confirm.ts";
import { broadcastForm } from "./form.ts";
import { listBroadcasts, showReport } from "./history.ts";
import { previewBroadcast } from "./preview.ts";
import { broadcastViews } from "./progress.ts";
import { refreshBroadcastProgress } from "./refresh.ts";

export { broadcastViews } from "./progress.ts";
export { refreshBroadcastProgress } from "./refresh.ts";

/** `diffuser` prepares a broadcast to a segment (preview, then confirmation); `diffusions` lists the sender's last ones. */
export const broadcastsFeature: FeatureModule = {
  commands: [
    {
      name: "broadcast",
      words: "commands.broadcast.words",
      summary: "commands.broadcast.summary",
      audience: SENDERS,
      run: async (ctx) => [await broadcastForm(ctx)],
    },
    {
      name: "broadcasts",
      words: "commands.broadcasts.words",
      summary: "commands.broadcasts.summary",
      audience: SENDERS,
      run: (ctx) => listBroadcasts(ctx),
    },
  ],
  actions: [
    on(BC.confirm, (ctx, [id]) => confirmBroadcast(ctx, id)),
    on(BC.edit, (ctx, [id]) => editBroadcast(ctx, id)),
    on(BC.cancel, (ctx, [id]) => cancelBroadcast(ctx, id)),
    on(BC.report, (ctx, [id]) => showReport(ctx, id)),
  ],
  forms: [
    { formId: "broadcast", audience: SENDERS, run: (ctx, values, parts) => previewBroadcast(ctx, values, parts) },
  ],
  views: broadcastViews,
  // The platform's sender also keeps broadcast senders' progress messages up to date there.
  afterSendRound: refreshBroadcastProgress,
};
