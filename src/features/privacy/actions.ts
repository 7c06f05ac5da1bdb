import { none, verb } from "../../core/actions.ts";

// Rights hold for everyone the bot knows, even someone half-way through onboarding or who stopped the bot.
const options = { evenAfterLeaving: true };

/** The answers to "delete your account?"; `was` keeps buttons sent before these ids working. */
export const PRIVACY = {
  confirmDelete: verb("privacy.delete", "anyone", none, { ...options, was: "privacy:delete" }),
  keepAccount: verb("privacy.cancel", "anyone", none, { ...options, was: "privacy:cancel" }),
};
