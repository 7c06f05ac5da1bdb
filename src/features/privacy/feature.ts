import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { LOCALES, rawMessage } from "../../core/i18n.ts";
import type { Reply } from "../../core/reply.ts";
import { sendMyData } from "./my-data.ts";

const MY_DATA_WORDS = new Set(LOCALES.flatMap((l) => rawMessage(l, "privacy.myData.words").split(",").map(normaliseWord)));

/** True for the word after "mes"/"my" that asks for one's data (`mes données`). */
export function isMyDataWord(word: string): boolean {
  return MY_DATA_WORDS.has(normaliseWord(word));
}

function myData(ctx: Context): Promise<Reply[]> {
  return sendMyData(ctx);
}

/** The members' rights over their data: access (`mes données`), erasure, and the information notice. */
export const privacyFeature: Feature = {
  commands: [{ name: "myData", words: "commands.myData.words", summary: "commands.myData.summary", audience: "anyone", run: myData }],
};
