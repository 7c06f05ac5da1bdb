import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

// Readers nobody here wrote, from Debian's packages (.ci/run installs them): LibreOffice Calc,
// poppler's pdfinfo and python-icalendar. A missing one fails the test with how to install it:
// a test that skipped itself would hide the very files it exists to check.
const run = promisify(execFile);
const INSTALL = "apt-get install --no-install-recommends libreoffice-calc-nogui poppler-utils python3-icalendar";

async function tool(command: string, args: string[], what: string): Promise<string> {
  try {
    return (await run(command, args, { maxBuffer: 64 * 1024 * 1024, timeout: 150_000 })).stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT")
      throw new Error(`${what} (${command}) is not installed: install it with \`${INSTALL}\` (.ci/run does so in CI).`);
    throw new Error(`${what} failed: ${e.message}\n${e.stderr ?? ""}`);
  }
}

/** A file to hand to a reader, by the name it is written under. */
export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** A folder of its own for one test file's conversions; `remove` it afterwards. */
export async function scratchFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "real-readers-"));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Converts files with LibreOffice headless in one start (it is slow to start), each under `folder`,
 * into `folder/<to's extension>/`. A private profile keeps parallel test files from colliding.
 */
export async function libreOfficeConvert(
  folder: string,
  files: NamedFile[],
  to: string,
  inFilter?: string,
): Promise<string> {
  const input = join(folder, `in-${to.split(":")[0]}`);
  const out = join(folder, to.split(":")[0]!);
  await mkdir(input, { recursive: true });
  for (const file of files) await writeFile(join(input, file.name), file.bytes);
  const profile = `file://${join(folder, "lo-profile")}`;
  await tool(
    "soffice",
    [
      `-env:UserInstallation=${profile}`,
      "--headless",
      "--norestore",
      ...(inFilter ? [`--infilter=${inFilter}`] : []),
      "--convert-to",
      to,
      "--outdir",
      out,
      ...files.map((f) => join(input, f.name)),
    ],
    "LibreOffice Calc",
  );
  return out;
}

/** LibreOffice's CSV export of every sheet (`<base>-<sheet>.csv`): semicolons, UTF-8, cells as shown in US English (dates 06/30/2026, 45%). */
export const CSV_EVERY_SHEET = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,false,false,false,-1";
/** How LibreOffice reads the bot's CSV files: semicolons, double quotes, UTF-8, French number format. */
export const CSV_FRENCH_IN = "CSV:59,34,76,1,,1036";

/** Page sizes of a PDF as pdfinfo (poppler) reports them, in points. */
export async function pdfPages(path: string): Promise<{ width: number; height: number }[]> {
  const info = await tool("pdfinfo", ["-f", "1", "-l", "100000", path], "pdfinfo (poppler-utils)");
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  if (sizes.length !== pages) throw new Error(`pdfinfo listed ${sizes.length} page sizes for ${pages} pages`);
  return sizes;
}

/** A4 landscape, as pdfinfo prints it: 842 x 595 points. */
export const isA4Landscape = (page: { width: number; height: number }) =>
  Math.round(page.width) === 842 && Math.round(page.height) === 595;

/** Files of a folder, by name. */
export async function filesIn(folder: string): Promise<Map<string, string>> {
  const names = await readdir(folder);
  return new Map(
    await Promise.all(names.map(async (n) => [n, await readFile(join(folder, n), "utf8")] as [string, string])),
  );
}

/** What python-icalendar read in one .ics file. */
export interface PythonCalendar {
  method: string | null;
  version: string | null;
  prodid: string | null;
  errors: string[][];
  events: {
    uid: string;
    sequence: number;
    status: string | null;
    summary: string | null;
    location: string | null;
    description: string | null;
    start: string | null;
    end: string | null;
    organizer: { address: string; name: string | null } | null;
    errors: string[][];
  }[];
}

/** Reads .ics files with python-icalendar, Debian's python3-icalendar (hence Debian's own python3). */
export async function readWithPythonIcalendar(files: Uint8Array[]): Promise<PythonCalendar[]> {
  const scratch = await scratchFolder();
  try {
    const paths = await Promise.all(
      files.map(async (bytes, i) => {
        const path = join(scratch.path, `${i}.ics`);
        await writeFile(path, bytes);
        return path;
      }),
    );
    const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const script = join(import.meta.dirname, "icalendar-read.py");
    try {
      return JSON.parse(await tool(python, [script, ...paths], "python3")) as PythonCalendar[];
    } catch (error) {
      if (String(error).includes("No module named 'icalendar'"))
        throw new Error(
          `python-icalendar is not installed for ${python}: install it with \`${INSTALL}\` (.ci/run does so in CI).`,
        );
      throw error;
    }
  } finally {
    await scratch.remove();
  }
}

/** The text of a PDF as pdftotext (poppler) extracts it, page after page: what a printed page shows. */
export async function pdfText(path: string): Promise<string> {
  return tool("pdftotext", ["-layout", path, "-"], "pdftotext (poppler-utils)");
}
