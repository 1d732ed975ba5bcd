// Replays a recorded MLflow client session (tests/fixtures/mlflow-replays/*.json, written by generate.py there from
// the clients' own source) against the real route handlers under app/, in order, then reads the run back through
// Tuneboard's own API. The handler for each path is found the way Next routes it (literal folder, then [param],
// then [...rest] / [[...rest]]), so the replay does not depend on how the MLflow routes are split into files.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { call, tokenFor } from "./api";

export type ReplayRequest = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  expectStatus?: number;
  expectErrorCode?: string;
  capture?: Record<string, string | { from: string; stripPrefix: string }>;
};

export type ReplayFixture = {
  client: string;
  sources: { repo: string; commit?: string; path: string; what: string }[];
  notes?: string;
  /** How the client authenticates: MLFLOW_TRACKING_TOKEN (Bearer, the default) or MLFLOW_TRACKING_USERNAME/PASSWORD
   * with an API token as the password (Basic). */
  auth?: "bearer" | "basic";
  requests: ReplayRequest[];
  expect: {
    run: Record<string, unknown>;
    /** field → [expected, absolute tolerance] */
    runApprox?: Record<string, [number, number]>;
    params: Record<string, string>;
    keyTags: Record<string, string>;
    /** metric key → at least this many stored points */
    metricPoints: Record<string, number>;
    artifacts?: string[];
    /** Fields the client sends that are not typed yet, and why: asserted to be still missing, so a fix shows up. */
  };
};

// Vitest runs from the repository root (vitest.config.ts sits there).
const ROOT = process.cwd();
const APP = path.join(ROOT, "app");

export function loadReplay(name: string): ReplayFixture {
  return JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/mlflow-replays", `${name}.json`), "utf8")) as ReplayFixture;
}

type Resolved = { file: string; params: Record<string, string | string[] | undefined> };

/** The route.ts Next would pick for a URL path, with its params (segments decoded), or null. */
export function resolveRoute(urlPath: string): Resolved | null {
  const segments = urlPath.split("/").filter(Boolean).map(decodeURIComponent);
  const walk = (dir: string, rest: string[], params: Resolved["params"]): Resolved | null => {
    const entries = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
    if (rest.length === 0) {
      if (existsSync(path.join(dir, "route.ts"))) return { file: path.join(dir, "route.ts"), params };
      const optional = entries.find((name) => /^\[\[\.\.\.(.+)\]\]$/.test(name));
      if (optional && existsSync(path.join(dir, optional, "route.ts"))) return { file: path.join(dir, optional, "route.ts"), params: { ...params, [optional.slice(5, -2)]: undefined } };
      return null;
    }
    const [head, ...tail] = rest as [string, ...string[]];
    if (entries.includes(head)) {
      const hit = walk(path.join(dir, head), tail, params);
      if (hit) return hit;
    }
    for (const name of entries.filter((n) => /^\[[^.[][^\]]*\]$/.test(n))) {
      const hit = walk(path.join(dir, name), tail, { ...params, [name.slice(1, -1)]: head });
      if (hit) return hit;
    }
    const catchAll = entries.find((name) => /^\[{1,2}\.\.\./.test(name));
    if (catchAll && existsSync(path.join(dir, catchAll, "route.ts"))) {
      return { file: path.join(dir, catchAll, "route.ts"), params: { ...params, [catchAll.replace(/^\[{1,2}\.\.\.|\]{1,2}$/g, "")]: rest } };
    }
    return null;
  };
  return walk(APP, segments, {});
}

const fill = (value: unknown, vars: Record<string, string>): unknown => {
  if (typeof value === "string") return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`replay: {{${name}}} used before an answer captured it`);
    return vars[name]!;
  });
  if (Array.isArray(value)) return value.map((item) => fill(item, vars));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
};

const pick = (body: any, dotted: string): unknown => dotted.split(".").reduce((node, key) => (node == null ? undefined : node[key]), body);

export type ReplayResult = { runId: string; vars: Record<string, string>; statusWhileRunning: string | null };

/**
 * Sends every request in order and checks each answer: the expected status (200 unless told), a JSON object body,
 * MLflow's error_code on errors. Fails on the first request that goes wrong, naming it, so a report can say which
 * route is missing or wrong. Every request carries a member's token, as MLFLOW_TRACKING_TOKEN makes the client do.
 */
export async function runReplay(fixture: ReplayFixture): Promise<ReplayResult> {
  const vars: Record<string, string> = {};
  let statusWhileRunning: string | null = null;
  const { token } = await tokenFor("member");
  const authorization = fixture.auth === "basic" ? `Basic ${Buffer.from(`test-member:${token}`).toString("base64")}` : `Bearer ${token}`;
  for (const [index, raw] of fixture.requests.entries()) {
    const request = fill(raw, vars) as ReplayRequest;
    const label = `request ${index} ${request.method} ${request.path}`;
    const resolved = resolveRoute(request.path);
    if (!resolved) throw new Error(`${label}: no route handler under app/ serves this path`);
    const mod = (await import(resolved.file)) as Record<string, unknown>;
    const handler = mod[request.method];
    if (typeof handler !== "function") throw new Error(`${label}: ${path.relative(ROOT, resolved.file)} exports no ${request.method}`);
    const query = request.query ? `?${new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)])).toString()}` : "";
    const result = await call(handler as any, {
      method: request.method,
      path: `${request.path}${query}`,
      params: resolved.params as Record<string, string>,
      headers: { ...request.headers, authorization },
      ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : request.body !== undefined ? { body: request.body } : {}),
    });
    const expected = request.expectStatus ?? 200;
    if (result.status !== expected) throw new Error(`${label}: expected HTTP ${expected}, got ${result.status}: ${result.text.slice(0, 400)}`);
    if (request.method !== "PUT" && (result.body === null || typeof result.body !== "object" || Array.isArray(result.body))) {
      throw new Error(`${label}: the answer is not a JSON object: ${result.text.slice(0, 200)}`);
    }
    if (request.expectErrorCode && result.body?.error_code !== request.expectErrorCode) {
      throw new Error(`${label}: expected error_code ${request.expectErrorCode}, got ${JSON.stringify(result.body).slice(0, 300)}`);
    }
    for (const [name, spec] of Object.entries(request.capture ?? {})) {
      const from = typeof spec === "string" ? spec : spec.from;
      const value = pick(result.body, from);
      if (typeof value !== "string" || value === "") throw new Error(`${label}: the answer has no ${from} to capture: ${result.text.slice(0, 300)}`);
      if (typeof spec !== "string" && !value.startsWith(spec.stripPrefix)) throw new Error(`${label}: ${from} is ${value}, expected it to start with ${spec.stripPrefix}`);
      vars[name] = typeof spec === "string" ? value : value.slice(spec.stripPrefix.length);
    }
    // The first metrics after the run was created: the run must show as running (live) at this point.
    if (statusWhileRunning === null && vars.run_id && request.path.endsWith("/runs/log-batch") && (request.body as any)?.metrics) {
      statusWhileRunning = (await readRun(vars.run_id)).status;
    }
  }
  if (!vars.run_id) throw new Error("replay: no run was created");
  return { runId: vars.run_id, vars, statusWhileRunning };
}

async function handlerFor(urlPath: string, method: string) {
  const resolved = resolveRoute(urlPath);
  if (!resolved) throw new Error(`no route for ${urlPath}`);
  return { handler: (await import(resolved.file))[method] as any, params: resolved.params as Record<string, string> };
}

/** GET /api/runs/{id}, as the run page reads it. */
export async function readRun(runId: string): Promise<any> {
  const { handler, params } = await handlerFor(`/api/runs/${runId}`, "GET");
  const { status, body, text } = await call(handler, { path: `/api/runs/${runId}`, params, as: "member" });
  if (status !== 200) throw new Error(`GET /api/runs/${runId}: ${status} ${text.slice(0, 300)}`);
  return body;
}

/** Stored points per metric key (GET /api/runs/{id}/metrics, the run page's loss curve source). */
export async function metricPointCounts(runId: string): Promise<Record<string, number>> {
  const { handler, params } = await handlerFor(`/api/runs/${runId}/metrics`, "GET");
  const { status, body, text } = await call(handler, { path: `/api/runs/${runId}/metrics?maxPoints=800`, params, as: "member" });
  if (status !== 200) throw new Error(`GET /api/runs/${runId}/metrics: ${status} ${text.slice(0, 300)}`);
  return Object.fromEntries((body.series as { key: string; totalPoints: number }[]).map((s) => [s.key, s.totalPoints]));
}

/** The bytes of an artifact as the client would download them (GET on the artifact proxy). */
export async function readArtifact(artifactRoot: string, relativePath: string): Promise<{ status: number; text: string }> {
  const urlPath = `/api/2.0/mlflow-artifacts/artifacts${artifactRoot}/${relativePath}`;
  const { handler, params } = await handlerFor(urlPath, "GET");
  const { status, text } = await call(handler, { path: urlPath, params, as: "member" });
  return { status, text };
}
