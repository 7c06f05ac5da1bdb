import { threadId, Worker } from "node:worker_threads";

/**
 * How many files are built at once. Each build runs in a thread of its own, so the process keeps
 * answering (`/healthz`, Slack's and Discord's 3-second acknowledgements) while it writes; more
 * builds at once than the machine has cores would only slow each one down.
 */
export const CONCURRENT_BUILDS = 2;

/** What the build thread makes: a workbook, a CSV file, a PNG image of an SVG, or an émargement sheet. */
export type BuildKind = "xlsx" | "csv" | "png" | "attendance";

/** A built file, and the thread that built it (never the main one). */
export interface Built {
  bytes: Uint8Array;
  threadId: number;
}

/** The conversation with one build thread: each message sent is answered once it has been handled. */
export interface BuildChannel {
  send(message: unknown): Promise<void>;
}

/** What a caller learns while its build waits. */
export interface BuildOptions {
  /**
   * Called when every thread is busy, with the number of builds ahead of this one (running and
   * waiting); the build waits for this to settle before it starts, so what it says comes first.
   */
  onWait?(ahead: number): Promise<void> | void;
}

/** A bounded number of build threads; further builds wait their turn, first come, first served. */
export class BuildPool {
  readonly #limit: number;
  #running = 0;
  readonly #queue: (() => void)[] = [];

  constructor(limit = CONCURRENT_BUILDS) {
    this.#limit = limit;
  }

  /** Builds now running, and builds waiting for a free thread. */
  get load(): { running: number; waiting: number } {
    return { running: this.#running, waiting: this.#queue.length };
  }

  /**
   * Runs `feed` with a build thread of `kind` once one is free: the caller reads its data (on this
   * thread: the database is here) and sends it; the thread writes the file and hands back its bytes.
   */
  async build(
    kind: BuildKind,
    feed: (channel: BuildChannel) => Promise<void>,
    options: BuildOptions = {},
  ): Promise<Built> {
    await this.#acquire(options);
    try {
      return await runThread(kind, feed);
    } finally {
      this.#release();
    }
  }

  async #acquire(options: BuildOptions): Promise<void> {
    if (this.#running < this.#limit) {
      this.#running++;
      return;
    }
    const ahead = this.#running + this.#queue.length;
    // The slot is handed over by `#release` without being freed in between, so the bound holds.
    const turn = new Promise<void>((resolve) => this.#queue.push(resolve));
    try {
      await options.onWait?.(ahead);
    } catch {
      // What the caller says while waiting is its own business; the turn is kept either way.
    }
    await turn;
  }

  #release(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#running--;
  }
}

/** The process's builds: every export, émargement sheet and chart shares these threads. */
export const builds = new BuildPool();

type Answer = { ok: true; bytes?: Uint8Array; threadId: number } | { ok: false; message: string };

async function runThread(kind: BuildKind, feed: (channel: BuildChannel) => Promise<void>): Promise<Built> {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { workerData: { kind } });
  const pending: { resolve(answer: Answer): void; reject(error: Error): void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const p of pending.splice(0)) p.reject(error);
  };
  worker.on("message", (answer: Answer) => pending.shift()?.resolve(answer));
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`build thread exited (code ${code})`)));
  const ask = (message: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      if (failure) return reject(failure);
      pending.push({ resolve, reject });
      worker.postMessage(message);
    }).then((answer) => {
      if (!answer.ok) throw new Error(answer.message);
      return answer;
    });
  try {
    // Each message waits for its answer: the thread is never sent more than it has written.
    await feed({ send: async (message) => void (await ask(message)) });
    const done = await ask({ op: "end" });
    if (!done.bytes || done.threadId === threadId) throw new Error("the build thread returned no file");
    return { bytes: done.bytes, threadId: done.threadId };
  } finally {
    await worker.terminate();
  }
}
