// Child process for tests/api/backup.test.ts: one of the writers that keep writing while a backup is taken. Each
// transaction adds one run (a copy of the first run, id backup-w<writer>-<n>, n counting from 1) and its
// POINTS_PER_RUN metric points, so a consistent snapshot holds, per writer, runs 1..k with all their points.
// Writes until SIGTERM, then prints {"writer":w,"committed":k}.
//   node tests/support/backup-writer.mjs <database file> <writer index>  (plain JS: it starts in a blink and gets SIGTERM itself)
import { setImmediate } from "node:timers";
import Database from "better-sqlite3";

const POINTS_PER_RUN = 50;
const [file, writerArg] = process.argv.slice(2);
if (!file || writerArg === undefined) throw new Error("usage: backup-writer.mjs <database file> <writer index>");
const writer = Number(writerArg);

const db = new Database(file, { timeout: 30_000, fileMustExist: true });
const template = db.prepare(`SELECT * FROM "Run" ORDER BY id LIMIT 1`).get();
const columns = Object.keys(template);
const insertRun = db.prepare(`INSERT INTO "Run" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`);
const insertPoint = db.prepare(`INSERT INTO "MetricPoint" ("runId", "key", "step", "value") VALUES (?, 'loss', ?, ?)`);
const writeOne = db.transaction((n) => {
  const id = `backup-w${writer}-${n}`;
  insertRun.run({ ...template, id, externalId: null, name: `backup writer ${writer} run ${n}` });
  for (let step = 0; step < POINTS_PER_RUN; step++) insertPoint.run(id, step, 1 / (step + 1));
});

let committed = 0;
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});
(function next() {
  if (stopping) {
    db.close();
    console.log(JSON.stringify({ writer, committed }));
    process.exit(0);
  }
  writeOne(committed + 1);
  committed++;
  setImmediate(next);
})();
