import type { Locale, Translate } from "../../core/i18n.ts";
import type { Db } from "../../db/database.ts";
import { segmentNames } from "./data.ts";
import type { Segment } from "./schema.ts";

/** The segment in words ("rôles : partenaires ; territoire : Montauban"), or "the whole network". */
export async function describeSegment(
  db: Db,
  networkId: string,
  segment: Segment,
  t: Translate,
  locale: Locale,
): Promise<string> {
  const { territories, organisations, groups } = await segmentNames(db, networkId, segment);
  const or = (items: string[]) => new Intl.ListFormat(locale, { type: "disjunction" }).format(items);
  const parts: string[] = [];
  if (segment.roles.length)
    parts.push(t("broadcasts.segment.roles", { roles: or(segment.roles.map((r) => t(`roles.plural.${r}`))) }));
  if (territories.length) parts.push(t("broadcasts.segment.territory", { names: or(territories.map((x) => x.name)) }));
  if (organisations.length)
    parts.push(t("broadcasts.segment.organisation", { names: or(organisations.map((x) => x.name)) }));
  if (groups.length) parts.push(t("broadcasts.segment.group", { names: or(groups.map((x) => x.name)) }));
  if (segment.platform) parts.push(t("broadcasts.segment.platform", { platform: t(`platforms.${segment.platform}`) }));
  return parts.length ? parts.join(" ; ") : t("broadcasts.segment.everyone");
}
