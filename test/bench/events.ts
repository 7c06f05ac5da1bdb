// Registration figures for `npm run bench` (and `node test/bench/events.ts` alone): 500 members
// press "S'inscrire" for the same event (200 places, waiting list on) within one second, through
// the bot's dispatcher with the action the button carries (`evt.register:<id>`), as the local chat and
// every platform adapter hand it over. On PGlite and on PostgreSQL; the outcome is checked:
// exactly 200 registered, 300 waiting in positions 1..300, reminders queued for the 200 only.
import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createBot } from "../../src/bot.ts";
import type { Reply } from "../../src/core/reply.ts";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrator.ts";
import { readNetworkSeed, seedNetwork } from "../../src/db/seed/seed-network.ts";
import { waitlistPosition } from "../../src/features/events/registration-batch.ts";
import { action, inbound } from "../support/bot.ts";
import { dropSchema } from "../support/database.ts";
import { percentile, round1 } from "./delivery-support.ts";

const MEMBERS = 500;
const CAPACITY = 200;
const WINDOW_MS = 1_000;
const WARM_UP = 20;
const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const SEED = fileURLToPath(new URL("../../prisma/seed/tarn-et-garonne.json", import.meta.url));
const DAY = 86_400_000;

const user = (i: number) => `bench-reg-${i}`;

/** Active advisers with a local chat account each, ready to press buttons. */
async function members(db: Database, networkId: string, count: number): Promise<Map<string, string>> {
  const rows = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), i }));
  await db.prisma.member.createMany({
    data: rows.map((m) => ({
      id: m.id,
      networkId,
      displayName: `Conseillère ${m.i}`,
      roles: ["DIGITAL_ADVISER" as const],
      status: "ACTIVE" as const,
    })),
  });
  await db.prisma.platformIdentity.createMany({
    data: rows.map((m) => ({ networkId, memberId: m.id, platform: "local", externalId: user(m.i) })),
  });
  return new Map(rows.map((m) => [user(m.i), m.id]));
}

function seminar(networkId: string, title: string, capacity: number) {
  const startsAt = new Date(Date.now() + 10 * DAY);
  return {
    networkId,
    title,
    type: "SEMINAR" as const,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
    place: "Hôtel du Département, Montauban",
    capacity,
    waitlist: true,
  };
}

const WAITLISTED = /vous êtes (\d+)(?:re|e) sur la liste d’attente/;

/** What the member was told: registered (with the .ics), or their place on the waiting list. */
function outcomeOf(replies: Reply[]): { registered: true } | { registered: false; position: number } {
  const text = replies.map((r) => r.text).join("\n");
  if (replies.some((r) => r.files?.some((f) => f.mediaType === "text/calendar"))) return { registered: true };
  const waiting = WAITLISTED.exec(text);
  if (waiting) return { registered: false, position: Number(waiting[1]) };
  throw new Error(`unexpected answer to a registration: ${text}`);
}

const sameNumbers = (values: number[], upTo: number) =>
  values.length === upTo && [...values].sort((a, b) => a - b).every((v, i) => v === i + 1);

/** 500 presses within one second for one event of 200 places; figures and the checks' results. */
export async function benchRegistration(
  kind: "pglite" | "postgresql",
  postgresUrl: string,
): Promise<Record<string, number | string>> {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const db =
    kind === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: "memory://" })
      : await openDatabase({ kind: "postgresql", url: postgresUrl, schema });
  try {
    await db.withSession((s) => applyMigrations(s, MIGRATIONS));
    const { networkId } = await seedNetwork(db.prisma, await readNetworkSeed(SEED));
    const ids = await members(db, networkId, MEMBERS);
    // The bot's own errors are kept: a failed press says why in the checks column.
    const logged: string[] = [];
    const log = pino(
      { level: "error" },
      {
        write: (line: string) =>
          void logged.push((JSON.parse(line) as { err?: { message?: string } }).err?.message ?? line),
      },
    );
    const bot = createBot(db.prisma, log, { platforms: ["local"] });
    const press = (i: number, eventId: string) =>
      bot(inbound({ user: user(i), name: `Conseillère ${i}` }, action(`evt.register:${eventId}`)));

    // Warm-up on another event (query plans, Prisma's engine, JIT), then the measured run.
    const warm = await db.prisma.event.create({ data: seminar(networkId, "Échauffement", 5) });
    for (let i = 0; i < WARM_UP; i++) await press(i, warm.id);
    await db.prisma.event.delete({ where: { id: warm.id } });
    await db.prisma.outboundMessage.deleteMany({});

    const event = await db.prisma.event.create({
      data: seminar(networkId, "Séminaire des conseillers numériques", CAPACITY),
    });
    const latencies: number[] = [];
    const fromArrival: number[] = [];
    const outcomes: ReturnType<typeof outcomeOf>[] = [];
    const errors: string[] = [];
    const start = performance.now() + 20;
    let lastDone = 0;
    // Arrivals spread evenly over one second, whatever the earlier presses are waiting for.
    await Promise.all(
      Array.from({ length: MEMBERS }, async (_, i) => {
        const due = start + (i * WINDOW_MS) / MEMBERS;
        await sleep(Math.max(0, due - performance.now()));
        const sent = performance.now();
        try {
          outcomes.push(outcomeOf(await press(i, event.id)));
        } catch (error) {
          errors.push((error as Error).message);
        }
        const done = performance.now();
        latencies.push(done - sent);
        // Including the time the press waited for the process to pick it up (no coordinated omission).
        fromArrival.push(done - due);
        lastDone = Math.max(lastDone, done);
      }),
    );
    latencies.sort((a, b) => a - b);
    fromArrival.sort((a, b) => a - b);

    const rows = await db.prisma.eventRegistration.findMany({
      where: { eventId: event.id },
      select: { memberId: true, status: true, queuedAt: true },
    });
    const registered = rows.filter((r) => r.status === "REGISTERED");
    const waiting = rows.filter((r) => r.status === "WAITLISTED");
    const positions = await Promise.all(waiting.map((r) => waitlistPosition(db.prisma, event.id, r.queuedAt)));
    const told = outcomes.filter((o) => !o.registered).map((o) => (o.registered ? 0 : o.position));
    const reminders = await db.prisma.outboundMessage.findMany({
      where: { causeId: event.id, idempotencyKey: { startsWith: "event-reminder:" } },
      select: { memberId: true },
    });
    const remindedMembers = new Set(reminders.map((r) => r.memberId));
    const registeredMembers = new Set(registered.map((r) => r.memberId));
    const checks = [
      [
        errors.length === 0 && logged.length === 0,
        `${errors.length} presses failed (${logged[0]?.replace(/\s+/g, " ").slice(0, 300) ?? errors[0] ?? ""})`,
      ],
      [registered.length === CAPACITY, `${registered.length} registered`],
      [waiting.length === MEMBERS - CAPACITY, `${waiting.length} waiting`],
      [sameNumbers(positions, MEMBERS - CAPACITY), "waiting-list positions are not 1..300"],
      [
        outcomes.filter((o) => o.registered).length === CAPACITY && sameNumbers(told, MEMBERS - CAPACITY),
        "what members were told differs from the database",
      ],
      [
        remindedMembers.size === CAPACITY && [...remindedMembers].every((m) => m !== null && registeredMembers.has(m)),
        `reminders for ${remindedMembers.size} members`,
      ],
      [rows.every((r) => [...ids.values()].includes(r.memberId)), "a registration of someone else"],
    ] as const;
    const failed = checks.filter(([ok]) => !ok).map(([, why]) => why);
    return {
      database: kind,
      members: MEMBERS,
      "registrations/s": round1(MEMBERS / ((lastDone - start) / 1000)),
      "handling p50 ms": round1(percentile(latencies, 50)),
      "handling p99 ms": round1(percentile(latencies, 99)),
      "from arrival p50 ms": round1(percentile(fromArrival, 50)),
      "from arrival p99 ms": round1(percentile(fromArrival, 99)),
      "from arrival max ms": round1(fromArrival.at(-1) ?? Number.NaN),
      registered: registered.length,
      waitlisted: waiting.length,
      "reminders queued": `${reminders.length} for ${remindedMembers.size} members`,
      checks: failed.length === 0 ? "ok" : "FAILED",
      ...(failed.length === 0 ? {} : { why: failed.join("; ") }),
    };
  } finally {
    await db.close();
    if (kind === "postgresql") await dropSchema(schema, postgresUrl);
  }
}

/** Prints the table of both databases; returns its rows. */
export async function printRegistrationBench(postgresUrl: string): Promise<Record<string, number | string>[]> {
  const rows: Record<string, number | string>[] = [];
  for (const kind of ["pglite", "postgresql"] as const) {
    rows.push(
      await benchRegistration(kind, postgresUrl).catch((err: unknown) => ({
        database: kind,
        error: (err as Error).message,
      })),
    );
  }
  console.log(
    `\nevent registration (${MEMBERS} members press "S'inscrire" within ${WINDOW_MS} ms, ${CAPACITY} places, waiting list; through the dispatcher):`,
  );
  // Failures and errors are printed under the table, in full.
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== "why" && c !== "error");
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length));
  console.log(`  ${columns.map((c) => c.padEnd(width(c))).join("  ")}`);
  for (const r of rows) console.log(`  ${columns.map((c) => String(r[c] ?? "").padEnd(width(c))).join("  ")}`);
  for (const r of rows) if (r.why ?? r.error) console.log(`  ${r.database}: ${r.why ?? r.error}`);
  console.log(
    "  (handling: from the press handed to the dispatcher to its answer; from arrival: from the instant the press was due, queueing in the process included)",
  );
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await printRegistrationBench(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
}
