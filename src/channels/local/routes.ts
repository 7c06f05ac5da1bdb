import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import type { Dispatch } from "../../core/dispatch.ts";
import type { Db } from "../../db/database.ts";
import { isOfAnotherNetwork, linkReplyFiles, localFileOwner, localFileRoutes } from "./files.ts";
import { parseInboxQuery, readInbox } from "./inbox.ts";
import { toInboundCommand } from "./map.ts";
import { parseLocalMessage } from "./schema.ts";

export interface LocalChannelOptions {
  dispatch: Dispatch;
  networkSlug: string;
  /** Where deliveries to local users wait for the page to fetch them (LocalInboxMessage), and files for download (GeneratedFile). */
  db: Db;
  now?: () => Date;
}

/** What a user id of another network gets: the web chat serves its own network only. */
const OTHER_NETWORK = {
  error: {
    code: "other_network",
    message:
      "This user id belongs to another network than the one this web chat serves; use that network's own chat. / Cet identifiant appartient à un autre réseau que celui de cette discussion : utilisez la discussion de votre réseau.",
  },
};

const chatPage = readFile(new URL("./chat-page.html", import.meta.url), "utf8");

/**
 * The local channel: the web chat page at `/`, its JSON endpoint (the contract e2e tests drive it),
 * the inbox the page polls for what the bot sends on its own initiative, and the files replies link.
 */
export async function localChannelRoutes(app: FastifyInstance, options: LocalChannelOptions): Promise<void> {
  const page = await chatPage;
  const now = options.now ?? (() => new Date());

  app.get("/", async (_request, reply) =>
    reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(page),
  );

  app.post("/api/local/messages", async (request, reply) => {
    const parsed = parseLocalMessage(request.body);
    if (!parsed.ok) return reply.code(400).send({ error: { code: "invalid_message", message: parsed.reason } });
    if (await isOfAnotherNetwork(options.db, parsed.message.user, options.networkSlug))
      return reply.code(403).send(OTHER_NETWORK);
    const replies = await options.dispatch(toInboundCommand(parsed.message, options.networkSlug, now()));
    return {
      replies: await linkReplyFiles(options.db, replies, () =>
        localFileOwner(options.db, parsed.message.user, options.networkSlug),
      ),
    };
  });

  app.get("/api/local/inbox", async (request, reply) => {
    const query = parseInboxQuery(request.query);
    if (!query.ok) return reply.code(400).send({ error: { code: "invalid_query", message: query.reason } });
    if (await isOfAnotherNetwork(options.db, query.user, options.networkSlug))
      return reply.code(403).send(OTHER_NETWORK);
    // Read with the real clock: rows are stamped with it, whatever clock the bot's rules use.
    return reply
      .header("cache-control", "no-store")
      .send(await readInbox(options.db, query.user, query.since, new Date()));
  });

  localFileRoutes(app, options.db, options.networkSlug);
}

/**
 * Outside demo mode nobody is known by a typed user id: every call of the local API is refused
 * until web sign-in exists, and the page says so instead of offering a chat that cannot answer.
 */
export async function signInRequiredRoutes(app: FastifyInstance, options: { page: boolean }): Promise<void> {
  const refusal = {
    error: {
      code: "sign_in_required",
      message: "Sign in first: this server knows web chat users only once they have signed in.",
    },
  };
  app.all("/api/local/*", async (_request, reply) => reply.code(401).header("cache-control", "no-store").send(refusal));
  if (!options.page) return;
  app.get("/", async (_request, reply) =>
    reply.code(401).type("text/html; charset=utf-8").header("cache-control", "no-store").send(signInPage),
  );
}

const signInPage = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connexion requise</title></head>
<body><main><h1>Connexion requise</h1>
<p>La discussion sur le web n’est ouverte qu’aux membres connectés. Écrivez au bot sur Telegram, Slack ou Discord, ou demandez un lien à votre coordinateur.</p>
<p lang="en">The web chat is for signed-in members only. Write to the bot on Telegram, Slack or Discord, or ask your coordinator for a link.</p>
</main></body></html>
`;
