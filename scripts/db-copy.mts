// npm run db:copy -- <from-url> <to-url> [--force]: copies a whole Tuneboard database between SQLite (file:...) and
// PostgreSQL (postgresql://...), either way (lib/server/db/copy.ts). The target is created and migrated if it has no
// schema yet; one that holds data is refused unless --force, which replaces its rows. Progress goes to stderr, the
// summary to stdout (its last line is JSON). Exit codes: 0 copied, 1 refused or failed (the target is left as it
// was), 2 a wrong command line or a URL that names nothing usable (nothing written).
import { CopyRefusedError, CopyUsageError, copyDatabase, displayUrl, type CopyProgress } from "../lib/server/db/copy";

const USAGE = "usage: npm run db:copy -- <from-url> <to-url> [--force]   (file:./data/tuneboard.db or postgresql://user:pass@host:5432/db)";
const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith("--"));
const urls = args.filter((arg) => !arg.startsWith("--"));
const unknown = flags.filter((flag) => flag !== "--force");
if (urls.length !== 2 || unknown.length > 0) {
  console.error(unknown.length > 0 ? `unknown option ${unknown.join(", ")}\n${USAGE}` : USAGE);
  process.exit(2);
}
const [from, to] = urls as [string, string];

// One line per table when it is done, and at most one a second while it is copied.
let lastPrinted = performance.now();
function progress({ table, done, total }: CopyProgress) {
  const now = performance.now();
  if (done !== total && (done === 0 || now - lastPrinted < 1000)) return;
  lastPrinted = now;
  const percent = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : "";
  console.error(`${table}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows${percent}`);
}

try {
  console.error(`copying ${displayUrl(from)} to ${displayUrl(to)}`);
  const result = await copyDatabase(from, to, { force: flags.includes("--force"), progress });
  const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
  if (result.migrated.length > 0) console.log(`migrated the target: ${result.migrated.length} migrations applied`);
  console.log(`copied ${rows.toLocaleString("en-US")} rows in ${result.tables.length} tables in ${result.milliseconds} ms; the full-text index rebuilt`);
  console.log(JSON.stringify({ copied: Object.fromEntries(result.tables.map(({ table, rows: count }) => [table, count])), milliseconds: result.milliseconds }));
} catch (error) {
  if (error instanceof CopyUsageError) {
    console.error(`db:copy: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof CopyRefusedError ? `db:copy refused: ${error.message}` : `db:copy failed, the target's rows are left as they were: ${(error as Error).message}`);
  process.exit(1);
}
