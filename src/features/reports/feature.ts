import type { Feature } from "../../core/commands.ts";
import type { Context } from "../../core/context.ts";
import type { Reply } from "../../core/reply.ts";
import type { Role } from "../../core/roles.ts";
import { exportReply } from "./export.ts";
import { exportForm } from "./form.ts";
import { requestOfForm, requestOfText } from "./request.ts";

const COORDINATORS: readonly Role[] = ["NETWORK_COORDINATOR"];

/** `export`: the form; `export 2025`, `export 01/01/2026 30/06/2026 csv Moissac`: at once. */
async function exportCommand(ctx: Context, args: string): Promise<Reply[]> {
  if (args.trim() === "") return [await exportForm(ctx)];
  return exportReply(ctx, await requestOfText(ctx, args));
}

/** The yearly COPIL report: a workbook (or two CSV files) of indicators, progress reports and activities. */
export const reportsFeature: Feature = {
  commands: [
    {
      name: "export",
      words: "commands.export.words",
      summary: "commands.export.summary",
      audience: COORDINATORS,
      run: exportCommand,
    },
  ],
  forms: [
    {
      formId: "export",
      audience: COORDINATORS,
      run: async (ctx, values) => exportReply(ctx, await requestOfForm(ctx, values)),
    },
  ],
};
