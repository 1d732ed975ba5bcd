// One engine's side of bench/engines.mts: a child process whose DATABASE_URL names one database (a SQLite file or a
// PostgreSQL database), which calls the app's route handlers in-process, as the API tests and the other in-process
// benches do, when its parent asks over IPC. The Prisma client reads DATABASE_URL when it is first imported, so one
// process serves one engine; the parent runs one worker per engine and takes turns between them.
//
// Messages from the parent: { id, method: "GET" | "POST", url, body? } → { id, ms, status, bytes, answer, shown, error? },
// where ms covers the handler and reading its response body (query, aggregation, JSON), and answer is a digest of
// what the request selected (the runs list: its ids and total; anything else: its body), so the parent can tell
// whether both engines gave the same answer (shown: a few words of it, printed where they differ). { id, setup: "writer" } creates a member with an API token and one run
// to log metrics into, on this worker's (scratch) database: → { id, runId }.
import { createHash } from "node:crypto";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Request_ = { id: number; method: "GET" | "POST"; url: string; body?: string } | { id: number; setup: "writer" };

if (!process.send) throw new Error("engine-worker runs as a child of bench/engines.mts (IPC channel)");
const send = (message: unknown) => process.send!(message);

const runsRoute = (await import("../../app/api/runs/route")) as { GET: Handler; POST: Handler };
// Its context names its params ({ id }); the worker passes them from the URL.
const metricsRoute = (await import("../../app/api/runs/[id]/metrics/route")) as unknown as { POST: Handler };
const compareRoutes = new Map<string, Handler>();
for (const name of ["quality-memory", "throughput-by-hardware", "rank-quality", "memory-by-size"]) {
  compareRoutes.set(name, ((await import(`../../app/api/compare/${name}/route`)) as { GET: Handler }).GET);
}
const { prisma } = await import("../../lib/server/db/client");
const { createApiToken } = await import("../../lib/server/auth/tokens");
const { isPostgres } = await import("../../lib/server/db/client");

let token: string | undefined;
// The app logs a failed request's cause ("Unhandled API error ...") with console.error: kept for the answer to the
// parent, which prints each distinct one once, instead of a stack trace per timed call.
let logged: string[] = [];
console.error = (...parts: unknown[]) => {
  logged.push(parts.map((part) => (part instanceof Error ? part.message : String(part))).join(" ").replace(/\s+/g, " ").trim());
};

/** The handler a URL names, with its route params. */
function route(method: string, pathname: string): { handler: Handler; params: Record<string, string> } {
  if (pathname === "/api/runs") return { handler: method === "GET" ? runsRoute.GET : runsRoute.POST, params: {} };
  const metrics = /^\/api\/runs\/([^/]+)\/metrics$/.exec(pathname);
  if (metrics && method === "POST") return { handler: metricsRoute.POST, params: { id: decodeURIComponent(metrics[1]!) } };
  const compare = /^\/api\/compare\/([a-z-]+)$/.exec(pathname);
  const handler = compare && method === "GET" ? compareRoutes.get(compare[1]!) : undefined;
  if (handler) return { handler, params: {} };
  throw new Error(`engine-worker has no handler for ${method} ${pathname}`);
}

async function call(method: "GET" | "POST", url: string, body?: string): Promise<{ ms: number; status: number; text: string }> {
  const { pathname } = new URL(url, "http://localhost");
  const { handler, params } = route(method, pathname);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (method === "POST") headers.authorization = `Bearer ${token}`;
  const started = performance.now();
  const response = await handler(new Request(`http://localhost${url}`, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, text };
}

/**
 * What a response selected: for the runs list its ids and total (a run's JSON carries times that need not match byte
 * for byte), else the body; as a digest to compare, and a short description to show when the engines differ.
 */
function answerOf(pathname: string, status: number, text: string): { answer: string; shown: string } {
  let summary = text;
  let shown = `${Buffer.byteLength(text)} bytes: ${text.slice(0, 160)}`;
  if (status === 200 && pathname === "/api/runs") {
    const page = JSON.parse(text) as { items: { id: string }[]; total: number };
    summary = JSON.stringify({ ids: page.items.map((run) => run.id), total: page.total });
    shown = `total ${page.total}, ${page.items.length} on the page: ${page.items.slice(0, 4).map((run) => run.id).join(", ")}${page.items.length > 4 ? ", ..." : ""}`;
  }
  return { answer: createHash("sha256").update(`${status}\n${summary}`).digest("hex").slice(0, 16), shown };
}

async function handle(message: Request_): Promise<unknown> {
  if ("setup" in message) {
    logged = [];
    const user = await prisma.user.create({ data: { username: `bench-engines-${Date.now()}`, name: "Bench engines", role: "member", passwordHash: "none" } });
    token = (await createApiToken({ userId: user.id, name: "bench engines" })).token;
    const created = await call("POST", "/api/runs", JSON.stringify({ method: "lora", model: "mistral-7b", rank: 8, name: "bench engines ingest" }));
    if (created.status !== 201) throw new Error(`POST /api/runs answered ${created.status}: ${logged.join(" | ").slice(0, 400) || created.text.slice(0, 300)}`);
    return { id: message.id, runId: (JSON.parse(created.text) as { id: string }).id };
  }
  logged = [];
  const { ms, status, text } = await call(message.method, message.url, message.body);
  const pathname = new URL(message.url, "http://localhost").pathname;
  return { id: message.id, ms, status, bytes: Buffer.byteLength(text), ...answerOf(pathname, status, text), ...(status >= 400 ? { error: `${text.slice(0, 200)} ${logged.join(" | ").slice(0, 400)}` } : {}) };
}

process.on("message", (message: Request_) => {
  handle(message).then(send, (error: unknown) => send({ id: message.id, ms: 0, status: 0, bytes: 0, answer: "", error: String((error as Error)?.stack ?? error) }));
});
// The parent going away (done, or killed) ends the worker too.
process.on("disconnect", () => process.exit(0));
const runs = await prisma.run.count();
send({ ready: true, engine: isPostgres ? "postgresql" : "sqlite", runs });
