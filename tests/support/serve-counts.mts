// Child process for tests/api/backup.test.ts: opens the database named by DATABASE_URL the way the server does
// (lib/server/db/client.ts, which holds the database lease) and prints what the app serves from it as one JSON
// line: GET /api/runs's total and the Run and MetricPoint row counts. With --hold it then stays alive, holding
// the database like a running server, until it is killed.
import { GET as listRuns } from "@/app/api/runs/route";
import { prisma } from "@/lib/server/db/client";

const response = await listRuns(new Request("http://localhost/api/runs?limit=1"), {});
const listed = (await response.json()) as { total: number };
const counts = { listedTotal: listed.total, Run: await prisma.run.count(), MetricPoint: await prisma.metricPoint.count() };
console.log(JSON.stringify(counts));
if (process.argv.includes("--hold")) setInterval(() => undefined, 60_000);
else process.exit(0);
