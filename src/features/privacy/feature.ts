import { on } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, rawMessage } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import type { FeatureModule } from "../module.ts";
import { PRIVACY } from "./actions.ts";
import { askToDeleteAccount, confirmDeleteAccount } from "./delete-account.ts";
import { sendMyData } from "./my-data.ts";
import { showPrivacyNotice } from "./notice.ts";
import { applyRetention } from "./retention-job.ts";

const MY_DATA_WORDS = new Set(
  LOCALES.flatMap((l) => rawMessage(l, "privacy.myData.words").split(",").map(normaliseWord)),
);

/** True for the word after "mes"/"my" that asks for one's data (`mes données`). */
export function isMyDataWord(word: string): boolean {
  return MY_DATA_WORDS.has(normaliseWord(word));
}

function myData(ctx: Context): Promise<Reply[]> {
  return sendMyData(ctx);
}

/** The members' rights over their data: access (`mes données`), erasure, and the information notice. */
export const privacyFeature: FeatureModule = {
  // Rights hold for everyone the bot knows, even someone half-way through onboarding or who stopped the bot.
  commands: [
    {
      name: "myData",
      words: "commands.myData.words",
      summary: "commands.myData.summary",
      audience: "anyone",
      evenAfterLeaving: true,
      run: myData,
    },
    {
      name: "privacy",
      words: "commands.privacy.words",
      summary: "commands.privacy.summary",
      audience: "anyone",
      evenAfterLeaving: true,
      run: showPrivacyNotice,
    },
    {
      name: "deleteAccount",
      words: "commands.deleteAccount.words",
      summary: "commands.deleteAccount.summary",
      audience: "anyone",
      evenAfterLeaving: true,
      run: askToDeleteAccount,
    },
  ],
  actions: [
    on(PRIVACY.confirmDelete, (ctx) => confirmDeleteAccount(ctx)),
    on(PRIVACY.keepAccount, async (ctx) => [say(ctx.t("privacy.delete.cancelled"))]),
  ],
  jobs: [
    { name: "apply-retention", schedule: "47 3 * * *", run: (ctx, now) => applyRetention(ctx.db, now, ctx.platforms) },
  ],
};
