import { on, pressId } from "../../core/actions.ts";
import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import { createTranslator, LOCALES, type Locale } from "../../core/i18n.ts";
import { type Reply, say } from "../../core/reply.ts";
import { LANG } from "./actions.ts";
import { setMemberLocale } from "./mutations.ts";

async function switchTo(ctx: Context, requested: string): Promise<Reply[]> {
  const locale = LOCALES.find((l) => l === requested.trim().toLowerCase()) as Locale | undefined;
  if (!locale) {
    return [
      say(
        requested.trim() ? ctx.t("language.unknown", { value: requested.trim() }) : ctx.t("language.ask"),
        LOCALES.map((l) => ({ id: pressId(LANG.choose, l), label: createTranslator(l)("language.name") })),
      ),
    ];
  }
  await setMemberLocale(ctx.db, ctx.actor.memberId, locale);
  return [say(createTranslator(locale)("language.changed"))];
}

/** `langue en`, or `langue` and a button: every later message is in that language. */
export const languageFeature: Feature = {
  commands: [
    {
      name: "language",
      words: "commands.language.words",
      summary: "commands.language.summary",
      audience: "anyone",
      run: switchTo,
    },
  ],
  actions: [on(LANG.choose, (ctx, [locale]) => switchTo(ctx, locale))],
};
