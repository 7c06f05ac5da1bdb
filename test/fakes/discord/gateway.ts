import { randomBytes } from "node:crypto";
import { WebSocket, WebSocketServer } from "ws";

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for RESUME to replay what a dropped connection missed. */
  events: { s: number; t: string; d: unknown }[];
  socket?: WebSocket | undefined;
}

export interface FakeGatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** READY's payload, without session fields. */
  ready: () => Record<string, unknown>;
  /** GUILD_CREATE payloads sent after READY. */
  guilds: () => Record<string, unknown>[];
  resumeUrl: () => string;
}

/**
 * Discord's gateway as discord.js uses it (json encoding, no compression): HELLO, IDENTIFY →
 * READY + GUILD_CREATE, heartbeats ACKed, RESUME replaying missed dispatches, and drops on demand.
 */
export class FakeGateway {
  readonly server = new WebSocketServer({ noServer: true });
  readonly ops: { op: number; at: number }[] = [];
  #session: Session | undefined;
  readonly #sessions = new Map<string, Session>();
  readonly #o: FakeGatewayOptions;
  #readyWaiters: (() => void)[] = [];

  constructor(options: FakeGatewayOptions) {
    this.#o = options;
    this.server.on("connection", (socket) => this.#accept(socket));
  }

  get identifies(): number {
    return this.ops.filter((o) => o.op === 2).length;
  }

  get resumes(): number {
    return this.ops.filter((o) => o.op === 6).length;
  }

  /** Resolves when a client is connected and identified or resumed. */
  connected(): Promise<void> {
    if (this.#session?.socket?.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Sends a dispatch (op 0); while the connection is down it waits for RESUME, as Discord's does. */
  dispatch(t: string, d: unknown): void {
    const session = this.#session;
    if (!session) throw new Error("no gateway session: the bot never identified");
    const event = { s: ++session.seq, t, d };
    session.events.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ op: 0, ...event }));
  }

  /** Cuts the connection without a close frame, as a network failure would. */
  drop(): void {
    this.#session?.socket?.terminate();
  }

  /** Forgets every session (as after a long outage): the next RESUME gets INVALID_SESSION, then IDENTIFY. */
  forgetSessions(): void {
    this.#sessions.clear();
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const send = (payload: unknown) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(payload));
    send({ op: 10, d: { heartbeat_interval: this.#o.heartbeatIntervalMs }, s: null, t: null });
    socket.on("message", (raw) => {
      const { op, d } = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      this.ops.push({ op, at: performance.now() });
      if (op === 1) return send({ op: 11, d: null, s: null, t: null });
      if (op === 2) {
        if (d.token !== this.#o.token) return socket.close(4004, "Authentication failed.");
        return this.#identify(socket);
      }
      if (op === 6) {
        const session = this.#sessions.get(String(d.session_id));
        if (!session || d.token !== this.#o.token) return send({ op: 9, d: false, s: null, t: null });
        return this.#resume(socket, session, Number(d.seq));
      }
    });
    socket.on("close", () => {
      if (this.#session?.socket === socket) this.#session.socket = undefined;
    });
  }

  #identify(socket: WebSocket): void {
    const session: Session = { id: randomBytes(16).toString("hex"), seq: 0, events: [], socket };
    this.#sessions.set(session.id, session);
    this.#session = session;
    this.dispatch("READY", {
      ...this.#o.ready(),
      session_id: session.id,
      resume_gateway_url: this.#o.resumeUrl(),
      shard: [0, 1],
    });
    for (const guild of this.#o.guilds()) this.dispatch("GUILD_CREATE", guild);
    this.#notifyReady();
  }

  #resume(socket: WebSocket, session: Session, seq: number): void {
    session.socket = socket;
    this.#session = session;
    for (const event of session.events.filter((e) => e.s > seq)) socket.send(JSON.stringify({ op: 0, ...event }));
    this.dispatch("RESUMED", {});
    this.#notifyReady();
  }

  #notifyReady(): void {
    const waiters = this.#readyWaiters;
    this.#readyWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
