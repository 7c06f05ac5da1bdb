/** La Poste's establishments share one SIREN whose SIRETs follow their own check rule. */
const LA_POSTE_SIREN = "356000000";

/**
 * True when `siret` is 14 digits passing the Luhn check, or one of La Poste's SIRETs, whose digits
 * sum to a multiple of 5 instead (INSEE's exception for its thousands of establishments).
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  const digits = [...siret].map(Number);
  if (luhnSum(digits) % 10 === 0) return true;
  return siret.startsWith(LA_POSTE_SIREN) && digits.reduce((a, b) => a + b, 0) % 5 === 0;
}

/** The Luhn sum: every second digit from the right doubled (minus 9 past 9). */
function luhnSum(digits: number[]): number {
  return digits.reduceRight((sum, digit, i) => {
    const doubled = (digits.length - 1 - i) % 2 === 1 ? digit * 2 : digit;
    return sum + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
}
