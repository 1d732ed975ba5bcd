// Runs a task in another app instance (tests/support/other-instance-main.mts): a separate process with its own
// Prisma client on this test file's database, as a second server behind one address would be (issue 12).
import { execFile } from "node:child_process";
import path from "node:path";

export function inOtherInstance(task: "sign-in-failures" | "edit-run", args: Record<string, unknown>): Promise<void> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  return new Promise((resolve, reject) => {
    execFile(tsx, ["--conditions=react-server", "tests/support/other-instance-main.mts", task, JSON.stringify(args)], { env: process.env, timeout: 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`the other instance failed: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
}
