import QRCode from "qrcode";
import { pressId } from "../../../core/actions.ts";
import type { Context } from "../../../core/context.ts";
import { type Reply, say } from "../../../core/reply.ts";
import { slug } from "../../../shared/text.ts";
import { formatArrival } from "../../cohorts/format.ts";
import { ENR } from "./actions.ts";
import { COHORT_PAYLOAD_PREFIX, ensureCohortInvite } from "./invite.ts";

/** The button under a cohort's description that gives its enrolment link and QR code. */
export const cohortLinkAction = (cohortId: string) => pressId(ENR.link, cohortId);

/** `https://t.me/<bot>?start=c-<code>`: opening it starts the bot with the cohort's invitation. */
export function telegramDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${COHORT_PAYLOAD_PREFIX}${code}`;
}

/** A QR code of `text` as PNG bytes, large enough to scan from a printed page or a projected slide. */
export async function qrPng(text: string): Promise<Uint8Array> {
  const buffer = await QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 4, scale: 8 });
  return new Uint8Array(buffer);
}

/** A file name made of the cohort's name: "qr-novembre-2026.png". */
function qrFileName(cohortName: string): string {
  return `qr-${slug(cohortName) || "cohorte"}.png`;
}

/**
 * The cohort's enrolment link and its QR code for a coordinator to hand out; without a known Telegram
 * bot, the code interns can type instead (`start c-<code>`) and why there is no link.
 */
export async function cohortLinkReply(ctx: Context, cohort: { id: string; name: string }): Promise<Reply> {
  const invite = await ensureCohortInvite(ctx.db, cohort.id);
  const typed = `start ${COHORT_PAYLOAD_PREFIX}${invite.code}`;
  const until = formatArrival(invite.expiresAt, ctx);
  const expired = invite.expiresAt <= ctx.now;
  const lines: string[] = [];
  const username = ctx.botUsername?.("telegram");
  if (!username) {
    lines.push(ctx.t("enrol.link.noTelegram", { cohort: cohort.name, typed }));
  } else {
    lines.push(
      ctx.t("enrol.link.intro", { cohort: cohort.name, link: telegramDeepLink(username, invite.code), typed }),
    );
  }
  lines.push(ctx.t(expired ? "enrol.link.expired" : "enrol.link.until", { date: until }));
  const reply = say(lines.join("\n"));
  if (!username) return reply;
  const link = telegramDeepLink(username, invite.code);
  return { ...reply, files: [{ name: qrFileName(cohort.name), mediaType: "image/png", content: await qrPng(link) }] };
}
