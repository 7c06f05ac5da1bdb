import type { Context } from "../../core/context.ts";
import { enqueueMessages } from "../../delivery/outbox.ts";
import type { Notice } from "../../delivery/payload.ts";
import type { BuildOptions } from "../builds/pool.ts";

/**
 * After this long without its file, the member is told the export is being prepared. Slack and
 * Discord show nothing after their 3-second acknowledgement; a small export arrives before this.
 */
const PREPARING_AFTER_MS = 2_000;

/** Tells a member, through the outbox, that their export is on its way; `done` once it is there. */
export interface ExportProgress {
  options: BuildOptions;
  done(): void;
}

/**
 * The notices of one export request: its place when every build thread is busy, or that it is
 * being prepared when it takes a while. One at most per request (one idempotency key).
 */
export function exportProgress(ctx: Context): ExportProgress {
  const tell = async (notice: Notice) => {
    try {
      await enqueueMessages(ctx.db, [
        {
          networkId: ctx.actor.networkId,
          idempotencyKey: `export-progress:${ctx.inbound.eventId}`,
          platform: ctx.inbound.platform,
          target: { to: "member", id: ctx.inbound.externalUserId },
          memberId: ctx.actor.memberId,
          category: "export",
          // An answer to what the member just asked: not held for quiet hours or muted categories.
          urgent: true,
          notBefore: ctx.now,
          payload: { kind: "notice", notice },
        },
      ]);
    } catch (error) {
      // The export goes on without its progress notice.
      ctx.log.warn({ err: error }, "export progress notice not queued");
    }
  };
  const timer = setTimeout(() => void tell({ key: "reports.progress.preparing" }), PREPARING_AFTER_MS);
  // A pending notice never keeps the process alive on its own.
  timer.unref();
  return {
    options: {
      onWait: (ahead) => {
        clearTimeout(timer);
        return tell({ key: "reports.progress.waiting", params: { ahead } });
      },
    },
    done: () => clearTimeout(timer),
  };
}
