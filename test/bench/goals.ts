// The goals of issue 18 beside the bench's figures: each scenario runs under watch (this process's
// event-loop delay p99 with monitorEventLoopDelay, and its highest RSS), and one table says, figure
// by figure, whether the goal is met.
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

/** What a scenario did to a process: the event loop's delay p99 and the highest resident memory. */
export interface ProcessLoad {
  loopP99Ms: number;
  rssMb: number;
  /** Whose figures these are, when not this process's (a bot started as a child process). */
  note?: string;
}

/** One line of the table: a figure, its goal, and the load of the scenario that measured it. */
export interface GoalRow {
  what: string;
  figure: number | string | undefined;
  goal: string;
  /** Undefined when there is no goal or no figure (the scenario failed). */
  met: boolean | undefined;
  load: ProcessLoad;
}

const MB = 1_048_576;

/** Runs one scenario while sampling this process's event-loop delay and RSS. */
export async function underWatch<T>(work: () => Promise<T>): Promise<[T, ProcessLoad]> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let rss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage.rss());
  }, 100);
  try {
    const value = await work();
    rss = Math.max(rss, process.memoryUsage.rss());
    return [value, { loopP99Ms: loop.percentile(99) / 1e6, rssMb: rss / MB }];
  } finally {
    clearInterval(sampler);
    loop.disable();
  }
}

/** A child process's resident memory from /proc (Linux), in MB; undefined elsewhere or once it exited. */
export function childRssMb(pid: number | undefined): number | undefined {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A figure that must stay under `limit`; a missing figure (failed scenario) is not met. */
export function under(limit: number, unit: string) {
  return { goal: `under ${limit.toLocaleString("en")} ${unit}`, test: (v: number) => v < limit };
}

/** A figure that must reach `floor`. */
export function atLeast(floor: number, unit = "") {
  return { goal: `${floor}${unit} or more`, test: (v: number) => v >= floor };
}

/** A figure printed for the record, with no goal. */
export const noGoal = { goal: "—", test: undefined };

/** Builds a row from a scenario's result; `figure` may be missing when the scenario failed. */
export function goalRow(
  what: string,
  figure: unknown,
  target: { goal: string; test: ((v: number) => boolean) | undefined },
  load: ProcessLoad,
): GoalRow {
  const value = typeof figure === "number" || typeof figure === "string" ? figure : undefined;
  const met = target.test === undefined ? undefined : typeof value === "number" && target.test(value);
  return { what, figure: value, goal: target.goal, met, load };
}

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

/** Prints every row in one table, with the count of goals met. */
export function printGoals(rows: readonly GoalRow[]): void {
  const cells = rows.map((r) => [
    r.what,
    r.figure === undefined ? "(failed)" : typeof r.figure === "number" ? round(r.figure) : r.figure,
    r.goal,
    r.met === undefined ? "" : r.met ? "met" : "NOT MET",
    round(r.load.loopP99Ms),
    `${Math.round(r.load.rssMb)}${r.load.note ? ` (${r.load.note})` : ""}`,
  ]);
  const header = ["what", "figure", "goal", "met", "loop p99 ms", "RSS MB"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `  ${c.map((v, i) => (i === 1 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ")}`.trimEnd();
  console.log("\nfigures and goals (issue 18):");
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const c of cells) console.log(line(c));
  const goals = rows.filter((r) => r.met !== undefined);
  console.log(
    `  ${goals.filter((r) => r.met).length} of ${goals.length} goals met; loop p99 and RSS: this process during the scenario (highest RSS), unless noted`,
  );
}
