import type { Role } from "./roles.ts";

/**
 * Who may use something: `anyone` includes a person still onboarding; `member` any member who
 * finished onboarding; a role list, members holding one of them.
 */
export type Audience = "anyone" | "member" | readonly Role[];
