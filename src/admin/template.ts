import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { AdminError } from "./errors.ts";

/**
 * Writes an empty table with `columns` as its header: XLSX (with a second sheet explaining each
 * column) or `;`-separated UTF-8 CSV, chosen by the file's extension.
 */
export async function writeTemplate(path: string, columns: readonly (readonly [string, string])[]): Promise<void> {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") {
    // The byte order mark makes Excel open the file as UTF-8.
    await writeFile(path, `\ufeff${columns.map(([name]) => name).join(";")}\n`);
    return;
  }
  if (extension !== ".xlsx")
    throw new AdminError(`The template's file name must end in .xlsx or .csv, not "${extension || path}".`, 2);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Données");
  sheet.columns = columns.map(([name]) => ({ header: name, key: name, width: Math.max(14, name.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const help = workbook.addWorksheet("Colonnes");
  help.columns = [
    { header: "colonne", width: 18 },
    { header: "contenu", width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  for (const row of columns) help.addRow([...row]);
  await workbook.xlsx.writeFile(path);
}
