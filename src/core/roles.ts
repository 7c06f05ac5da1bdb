/** The roles a member can hold in a network; the same names as the database enum. */
export const ROLES = [
  "DIGITAL_ADVISER",
  "CLS_COORDINATOR",
  "HEALTH_COMMITTEE",
  "NETWORK_COORDINATOR",
  "INTERN",
  "PARTNER",
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
