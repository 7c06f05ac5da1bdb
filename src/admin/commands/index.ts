import type { AdminCommand } from "../command.ts";
import { inviteCommand } from "./invite.ts";
import { networkCreate } from "./network-create.ts";
import { networkList, networkShow } from "./network-info.ts";
import { organisationsImport } from "./organisations-import.ts";
import { planCounters, planImport, planTemplate } from "./plan.ts";

/** Every command of `npm run admin`, in the order the list shows them . */
export const adminCommands: AdminCommand[] = [
  networkCreate,
  networkList,
  networkShow,
  planImport,
  planTemplate,
  planCounters,
  organisationsImport,
  inviteCommand,
];
