// Runs before each test file is imported: points DATABASE_URL at a fresh copy of the seeded template.
import { copyFileSync } from "node:fs";
import path from "node:path";

const template = process.env.TUNEBOARD_TEMPLATE_DB;
const dir = process.env.TUNEBOARD_TEST_DIR;
if (template && dir) {
  const file = path.join(dir, `file-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
  // Uploaded artifacts (lib/server/artifacts.ts) go beside the database copy, removed with it after the run.
  process.env.TUNEBOARD_ARTIFACTS_DIR = `${file}.artifacts`;
}
