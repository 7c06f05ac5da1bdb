import { on } from "../../core/actions.ts";
import { normaliseWord } from "../../core/command-words.ts";
import type { Feature } from "../../core/commands.ts";
import { LOCALES, rawMessage } from "../../core/i18n.ts";
import { PROFILE } from "./actions.ts";
import { profileForm, saveProfile } from "./edit.ts";
import { showProfile } from "./view.ts";

const EDIT_WORDS = new Set(
  LOCALES.flatMap((l) => rawMessage(l, "commands.profile.editWords").split(",").map(normaliseWord)),
);

/** `profil` shows the profile; `profil modifier` or its button opens the form. */
export const profileFeature: Feature = {
  commands: [
    {
      name: "profile",
      words: "commands.profile.words",
      summary: "commands.profile.summary",
      audience: "member",
      run: (ctx, args) => (EDIT_WORDS.has(normaliseWord(args)) ? profileForm(ctx) : showProfile(ctx)),
    },
  ],
  actions: [on(PROFILE.edit, (ctx) => profileForm(ctx))],
  forms: [{ formId: "profile", audience: "member", run: (ctx, values) => saveProfile(ctx, values) }],
};
