import type { Context } from "../../core/context.ts";
import { staleAction } from "../../core/errors.ts";
import { type Reply, say } from "../../core/reply.ts";
import { openForMember } from "./answers.ts";
import { openCollections } from "./data.ts";
import { formatParis } from "./format.ts";
import { saveCollectedItem } from "./mutations.ts";

export const MAX_ITEM_LENGTH = 2000;

/** A sentence when the item is empty or too long, else undefined. */
function checkItem(ctx: Context, text: string): string | undefined {
  if (!text) return ctx.t("deadlines.news.empty");
  if (text.length > MAX_ITEM_LENGTH)
    return ctx.t("deadlines.news.tooLong", { length: text.length, max: MAX_ITEM_LENGTH });
  return undefined;
}

function itemForm(
  ctx: Context,
  intro: string,
  formId: string,
  text: string,
  collections?: { id: string; title: string }[],
): Reply {
  const { t } = ctx;
  return {
    text: intro,
    visibility: "private",
    form: {
      id: formId,
      title: t("deadlines.news.form.title"),
      submitLabel: t("deadlines.news.form.submit"),
      fields: [
        ...(collections
          ? [
              {
                name: "collection",
                label: t("deadlines.news.form.collection"),
                type: "select" as const,
                required: true,
                options: collections.map((c) => ({ value: c.id, label: c.title })),
              },
            ]
          : []),
        {
          name: "text",
          label: t("deadlines.news.form.text"),
          type: "textarea",
          required: true,
          maxLength: MAX_ITEM_LENGTH,
          ...(text ? { value: text } : {}),
        },
      ],
    },
  };
}

async function save(ctx: Context, id: string, text: string): Promise<Reply[]> {
  const d = await openForMember(ctx, id);
  if (Array.isArray(d)) return d;
  if (d.kind !== "NEWS_COLLECTION") throw staleAction();
  await saveCollectedItem(ctx.db, {
    networkId: d.networkId,
    deadlineId: d.id,
    memberId: ctx.actor.memberId,
    text,
    now: ctx.now,
  });
  return [say(ctx.t("deadlines.news.saved", { title: d.title, due: formatParis(d.dueAt, ctx.actor.locale) }))];
}

/** `nouvelle <texte>`: saved in the member's open collection; with several open, a form asks which. */
export async function sendNews(ctx: Context, args: string): Promise<Reply[]> {
  const text = args.trim();
  const problem = checkItem(ctx, text);
  if (problem) return [say(problem)];
  const collections = await openCollections(ctx);
  if (collections.length === 0) return [say(ctx.t("deadlines.news.none"))];
  if (collections.length === 1) return save(ctx, collections[0]!.id, text);
  return [itemForm(ctx, ctx.t("deadlines.news.choose"), "dln", text, collections)];
}

/** The reminder's "send a news item" button: a form for this collection. */
export async function askItem(ctx: Context, id: string): Promise<Reply[]> {
  const d = await openForMember(ctx, id);
  if (Array.isArray(d)) return d;
  return [itemForm(ctx, ctx.t("deadlines.news.form.intro", { title: d.title }), `dln:${d.id}`, "")];
}

/** The item form, for one collection (`dln:<id>`) or with the collection chosen in it (`dln`). */
export async function saveItemForm(
  ctx: Context,
  values: Record<string, string | string[]>,
  parts: string[],
): Promise<Reply[]> {
  const field = (name: string) => {
    const v = values[name];
    return (Array.isArray(v) ? v.join("\n") : (v ?? "")).trim();
  };
  const id = parts[0] ?? field("collection");
  const text = field("text");
  const problem = checkItem(ctx, text);
  if (problem) return [say(problem)];
  return save(ctx, id, text);
}
