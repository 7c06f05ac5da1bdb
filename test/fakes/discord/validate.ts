// What Discord rejects with 50035 "Invalid Form Body" beyond its OpenAPI schemas (openapi.ts), from
// its documentation pages: https://docs.discord.com/developers/resources/message#create-message
// ("up to 2000 characters"; a message needs content, embeds, components, files, stickers or a poll)
// and https://docs.discord.com/developers/components/reference (action rows hold up to 5 buttons or
// one select; custom_id unique in a message; up to 5 rows without IS_COMPONENTS_V2).

/** Discord's 50035 answer for a body these rules refuse. */
export function invalidBody(reason: string): { status: number; body: Record<string, unknown> } {
  return {
    status: 400,
    body: {
      code: 50035,
      message: "Invalid Form Body",
      errors: { _errors: [{ code: "BASE_TYPE_INVALID", message: reason }] },
    },
  };
}

/** Discord's documented message limits: 2000 characters, 5 rows of 5 buttons or one menu of 25 options; text, components or files. */
export function invalidMessage(data: Record<string, unknown> | undefined, attachments = 0): string | undefined {
  const content = (data?.content as string | undefined) ?? "";
  const rows =
    (data?.components as { components: { type: number; custom_id?: string; options?: unknown[] }[] }[] | undefined) ??
    [];
  if (content.length > 2000) return "content longer than 2000";
  if (!content && rows.length === 0 && attachments === 0) return "empty message";
  if (rows.length > 5) return "more than 5 action rows";
  const ids = rows.flatMap((r) => r.components.map((c) => c.custom_id));
  if (new Set(ids).size !== ids.length) return "custom_id repeated";
  for (const row of rows) {
    if (row.components.length > 5) return "more than 5 components in a row";
    if (row.components.some((c) => c.type === 3) && row.components.length !== 1)
      return "a menu must be alone in its row";
    if (row.components.some((c) => (c.options?.length ?? 0) > 25)) return "more than 25 options";
  }
  return undefined;
}

export function invalidModal(data: Record<string, unknown> | undefined): string | undefined {
  const components = (data?.components as unknown[] | undefined) ?? [];
  if (!data?.custom_id || !data.title) return "custom_id and title are required";
  if (String(data.title).length > 45) return "title longer than 45";
  if (components.length < 1 || components.length > 5) return "a modal has 1 to 5 components";
  return undefined;
}
