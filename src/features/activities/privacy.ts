/** What a text may hold that would identify the person helped. */
export type PersonalData = "phone" | "email" | "nir";

// A social-security number: sex, year, month (or 20–99 for some births abroad), département
// (2A/2B for Corsica), commune, order number, then an optional two-digit key; spaces or dots between.
const NIR =
  /(?<![\dA-Za-z])[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[AaBb])[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{2})?(?!\d)/;
// French numbers: 0X XX XX XX XX, +33 X..., 0033 X..., with spaces, dots or dashes, or none.
const PHONE = /(?<!\d)(?:(?:\+|00)33 ?(?:\(0\))? ?|0)[1-9](?:[ .-]?\d{2}){4}(?!\d)/;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;

/**
 * The first kind of personal data a text seems to hold, or null. The bot records activities,
 * never the people helped, so such text is refused rather than stored.
 */
export function findPersonalData(text: string): PersonalData | null {
  if (NIR.test(text)) return "nir";
  if (PHONE.test(text)) return "phone";
  if (EMAIL.test(text)) return "email";
  return null;
}
