// CSV fields (RFC 4180), safe to open in a spreadsheet. Pure: one writer for the run export (server) and every chart's
// "Download CSV" (browser), both of which carry user text such as run names; unit-tested on its own
// (tests/unit/csv-injection.test.ts).

/** First characters a spreadsheet reads as the start of a formula or a control (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. Fields with commas, quotes or line breaks are quoted and inner quotes doubled. Text that begins
 * with = + - @ tab or carriage return is neutralised as OWASP advises: a single quote goes in front, inside a
 * quoted field, so a spreadsheet shows the text instead of evaluating it ("=1+1" → "'=1+1").
 *
 * Numbers and booleans are written as they are: they come from typed columns, serialised by the app, never from
 * user text, so -0.5 stays a number a spreadsheet can sum (only text can carry a formula). Arrays (tags, source
 * cells) are text joined with ";", and neutralised like any text.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = Array.isArray(value) ? value.join(";") : String(value);
  if (FORMULA_START.test(text)) return `"'${text.replaceAll('"', '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record (no line break). */
export const csvRecord = (values: readonly unknown[]): string => values.map(csvField).join(",");
