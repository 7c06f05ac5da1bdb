import { parisDay } from "../../calendar/paris.ts";
import type { Context } from "../../core/context.ts";
import type { Reply } from "../../core/reply.ts";
import { isoDay } from "../../shared/dates.ts";
import { EXPORT_FORMATS, WHOLE_NETWORK } from "./request.ts";
import { exportTerritories } from "./territories.ts";

/** The export form: from 1 January to today, the whole network, a workbook; each may be changed. */
export async function exportForm(ctx: Context): Promise<Reply> {
  const { t, db } = ctx;
  const today = parisDay(ctx.now);
  const territories = await exportTerritories(db, ctx.actor.networkId);
  const territoryLabel = (name: string, kind: string) =>
    kind === "DEPARTMENT"
      ? t("reports.form.department", { name })
      : kind === "COMMUNE"
        ? t("reports.form.commune", { name })
        : name;
  return {
    text: t("reports.form.intro"),
    visibility: "private",
    form: {
      id: "export",
      title: t("reports.form.title"),
      submitLabel: t("reports.form.submit"),
      fields: [
        {
          name: "from",
          label: t("reports.form.from"),
          type: "date",
          required: true,
          value: isoDay({ year: today.year, month: 1, day: 1 }),
        },
        { name: "to", label: t("reports.form.to"), type: "date", required: true, value: isoDay(today) },
        {
          name: "territory",
          label: t("reports.form.territory"),
          type: "select",
          required: true,
          value: WHOLE_NETWORK,
          options: [
            { value: WHOLE_NETWORK, label: t("reports.form.wholeNetwork") },
            ...territories.map((r) => ({ value: r.id, label: territoryLabel(r.name, r.kind) })),
          ],
        },
        {
          name: "format",
          label: t("reports.form.format"),
          type: "select",
          required: true,
          value: "xlsx",
          options: EXPORT_FORMATS.map((f) => ({ value: f, label: t(`reports.form.${f}`) })),
        },
      ],
    },
  };
}
