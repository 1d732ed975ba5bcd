// Another app instance on the same database, for the tests of what instances share (issue 12): its own process,
// its own Prisma client and the app's own code, pointed at the test file's database by DATABASE_URL.
// Run by tests/support/other-instance.ts; the task and its JSON arguments are its command line.
import { reserveSignInAttempt } from "../../lib/server/auth/sign-in-throttle";
import { prisma } from "../../lib/server/db/client";

const [task, argsJson] = process.argv.slice(2);
const args = JSON.parse(argsJson ?? "{}") as Record<string, unknown>;

if (task === "sign-in-failures") {
  // Wrong passwords, as authenticate() records them: each attempt reserved and never released.
  const { username, address, count } = args as { username: string; address: string; count: number };
  for (let attempt = 0; attempt < count; attempt += 1) await reserveSignInAttempt({ username, address });
} else if (task === "edit-run") {
  // An edit as another instance writes it; `updatedAt` lets a test give that instance a clock that runs behind.
  const { id, data, updatedAt } = args as { id: string; data: Record<string, unknown>; updatedAt?: string };
  await prisma.run.update({ where: { id }, data: { ...data, ...(updatedAt ? { updatedAt: new Date(updatedAt) } : {}) } });
} else {
  throw new Error(`unknown task ${task}`);
}
await prisma.$disconnect();
