import { type ChildProcess, spawn } from "node:child_process";

/**
 * Keeps `cores` CPU cores busy with child processes that stop by themselves after `seconds`
 * (so a crashed test run leaves nothing spinning); `stop` ends them sooner, by their own pid.
 */
export function busyCores(cores: number, seconds: number): { stop(): void } {
  const script = `const end = Date.now() + ${Math.round(seconds * 1000)}; let x = 0; while (Date.now() < end) x = (x * 31 + 7) % 1_000_003;`;
  const children: ChildProcess[] = Array.from({ length: cores }, () =>
    spawn(process.execPath, ["-e", script], { stdio: "ignore" }),
  );
  return {
    stop() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** The largest number of `instants` that fall in one window of `windowMs` (a sliding window). */
export function mostInOneWindow(instants: number[], windowMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
