/** Work run one after the other per key, within this process. */
export interface SerialQueue {
  /** Runs `work` once the key's earlier work has settled; a failure does not hold back the key's next work. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** How many keys have work queued or running (a key is forgotten once its last work settles). */
  readonly busyKeys: number;
}

/** A queue per key: work on one key runs in the order given, work on different keys runs side by side. */
export function createSerialQueue(): SerialQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run(key, work) {
      const run = (tails.get(key) ?? Promise.resolve()).then(work);
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return run;
    },
    get busyKeys() {
      return tails.size;
    },
  };
}
