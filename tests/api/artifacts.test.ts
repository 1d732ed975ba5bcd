// MLflow's artifact proxy against this file's own database and artifact folder: the requests MLflow's
// HttpArtifactRepository makes (PUT a file's bytes, GET ?path= to list, GET a file), path escapes, the 100 MB cap,
// runs that do not match, and who may read and write.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as artifactsRoute from "@/app/api/2.0/mlflow-artifacts/artifacts/[[...path]]/route";
import * as listRoute from "@/app/api/2.0/mlflow/artifacts/list/route";
import * as runArtifactsRoute from "@/app/api/runs/[id]/artifacts/route";
import { MAX_ARTIFACT_BYTES, artifactsRoot, saveArtifact } from "@/lib/server/artifacts";
import { prisma } from "@/lib/server/db/client";
import { call, tokenFor } from "../support/api";

// lib/env.ts reads the environment once, when first imported: point the artifact folder at a fresh one first.
vi.hoisted(() => {
  process.env.TUNEBOARD_ARTIFACTS_DIR = `${process.env.TUNEBOARD_TEST_DIR ?? "/tmp"}/artifacts-${process.pid}-${Date.now()}`;
});

const BASE = "http://localhost/api/2.0/mlflow-artifacts/artifacts";
type Auth = "member" | "viewer" | "none" | { authorization: string };

async function authHeaders(as: Auth): Promise<Record<string, string>> {
  if (as === "none") return {};
  if (typeof as === "object") return as;
  return { authorization: `Bearer ${(await tokenFor(as)).token}` };
}

/** What MLflow's client sends for log_artifact: PUT with the file's bytes and a guessed Content-Type. */
async function put(pathAfterCollection: string, body: BodyInit | null, options: { as?: Auth; headers?: Record<string, string> } = {}) {
  const request = new Request(`${BASE}/${pathAfterCollection}`, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream", ...(await authHeaders(options.as ?? "member")), ...options.headers },
    body,
    // @ts-expect-error: undici needs duplex for a stream body; lib.dom's RequestInit does not know it yet
    duplex: "half",
  });
  return artifactsRoute.PUT(request, { params: Promise.resolve({}) });
}

async function get(url: string, as: Auth = "none") {
  return artifactsRoute.GET(new Request(url, { headers: await authHeaders(as) }), { params: Promise.resolve({}) });
}

const listing = async (query: string) => (await get(`${BASE}?path=${encodeURIComponent(query)}`)).json();

async function newRun(experimentId = "0") {
  return prisma.run.create({ data: { name: `artifact run ${randomBytes(4).toString("hex")}`, status: "running", method: "lora", modelName: "test model", modelParams: 7e9, rank: 8, experimentId } });
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every file under a folder, recursively, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** A body of `total` zero bytes sent in 1 MB chunks, without a Content-Length (chunked, as a stream). */
function zeroStream(total: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1_000_000);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk.byteLength, total - sent);
      sent += size;
      controller.enqueue(size === chunk.byteLength ? chunk : chunk.subarray(0, size));
    },
  });
}

beforeAll(async () => {
  await tokenFor("member");
  await tokenFor("viewer");
});

describe("artifact round trip", () => {
  it("stores a PUT file and gives back the same bytes, listed by folder, with its sha256 recorded", async () => {
    const run = await newRun();
    const bytes = randomBytes(300_000);
    const uploaded = await put(`0/${run.id}/artifacts/config/torchtune_config.yaml`, bytes);
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toEqual({});

    expect(await listing(`0/${run.id}/artifacts`)).toEqual({ files: [{ path: "config", is_dir: true }] });
    expect(await listing(`0/${run.id}/artifacts/config`)).toEqual({ files: [{ path: "torchtune_config.yaml", is_dir: false, file_size: 300_000 }] });

    const download = await get(`${BASE}/0/${run.id}/artifacts/config/torchtune_config.yaml`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-length")).toBe("300000");
    expect(download.headers.get("content-disposition")).toContain('attachment; filename="torchtune_config.yaml"');
    const received = new Uint8Array(await download.arrayBuffer());
    expect(Buffer.from(received).equals(bytes)).toBe(true);

    const row = await prisma.artifact.findUniqueOrThrow({ where: { runId_path: { runId: run.id, path: "config/torchtune_config.yaml" } } });
    expect(row).toMatchObject({ sizeBytes: 300_000, sha256: sha256(bytes) });
    expect(filesUnder(path.join(artifactsRoot(), run.id))).toEqual([path.join("config", "torchtune_config.yaml")]);
  });

  it("replaces a file uploaded again and keeps one row with the new size and sha256", async () => {
    const run = await newRun();
    await put(`0/${run.id}/artifacts/notes.txt`, "first version, longer");
    const again = await put(`0/${run.id}/artifacts/notes.txt`, "second");
    expect(again.status).toBe(200);
    const rows = await prisma.artifact.findMany({ where: { runId: run.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sizeBytes: 6, sha256: sha256(Buffer.from("second")) });
    expect(await (await get(`${BASE}/0/${run.id}/artifacts/notes.txt`)).text()).toBe("second");
  });

  it("lists through the tracking API with paths from the run's root and its mlflow-artifacts root_uri", async () => {
    const run = await newRun();
    await put(`0/${run.id}/artifacts/a.txt`, "a");
    await put(`0/${run.id}/artifacts/ckpt/adapter_model.safetensors`, randomBytes(10));
    const root = await call(listRoute.GET, { path: `/api/2.0/mlflow/artifacts/list?run_id=${run.id}` });
    expect(root.status).toBe(200);
    expect(root.body).toEqual({
      root_uri: `mlflow-artifacts:/0/${run.id}/artifacts`,
      files: [
        { path: "ckpt", is_dir: true },
        { path: "a.txt", is_dir: false, file_size: 1 },
      ],
    });
    const folder = await call(listRoute.GET, { path: `/api/2.0/mlflow/artifacts/list?run_id=${run.id}&path=ckpt` });
    expect(folder.body.files).toEqual([{ path: "ckpt/adapter_model.safetensors", is_dir: false, file_size: 10 }]);
    const empty = await call(listRoute.GET, { path: `/api/2.0/mlflow/artifacts/list?run_id=${run.id}&path=nothing-here` });
    expect(empty.body).toEqual({ root_uri: `mlflow-artifacts:/0/${run.id}/artifacts` });
    const missing = await call(listRoute.GET, { path: "/api/2.0/mlflow/artifacts/list" });
    expect(missing.status).toBe(400);
    expect(missing.body.error_code).toBe("INVALID_PARAMETER_VALUE");
  });

  it("answers an empty folder with {} as MLflow does, and GET /api/runs/{id}/artifacts lists every file", async () => {
    const run = await newRun();
    expect(await listing(`0/${run.id}/artifacts`)).toEqual({});
    await put(`0/${run.id}/artifacts/b/c.json`, "{}");
    await put(`0/${run.id}/artifacts/a.log`, "log");
    const detail = await call(runArtifactsRoute.GET, { path: `/api/runs/${run.id}/artifacts`, params: { id: run.id } });
    expect(detail.status).toBe(200);
    expect(detail.body.items.map((item: { path: string; sizeBytes: number }) => [item.path, item.sizeBytes])).toEqual([
      ["a.log", 3],
      ["b/c.json", 2],
    ]);
    expect(detail.body.items[0].sha256).toBe(sha256(Buffer.from("log")));
  });

  it("serves an uploaded HTML page as a download, never as HTML", async () => {
    const run = await newRun();
    await put(`0/${run.id}/artifacts/report.html`, "<script>alert(document.cookie)</script>", { headers: { "content-type": "text/html" } });
    const download = await get(`${BASE}/0/${run.id}/artifacts/report.html`);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("records an uploaded adapter_config.json's PEFT settings as peft.* params", async () => {
    const run = await newRun();
    const config = { peft_type: "LORA", r: 16, lora_alpha: 32, lora_dropout: 0.05, target_modules: ["q_proj", "v_proj"], base_model_name_or_path: "meta-llama/Llama-2-7b-hf" };
    expect((await put(`0/${run.id}/artifacts/checkpoint-500/adapter_config.json`, JSON.stringify(config))).status).toBe(200);
    const params = Object.fromEntries((await prisma.runParam.findMany({ where: { runId: run.id } })).map((param) => [param.key, param.value]));
    expect(params).toMatchObject({ "peft.r": "16", "peft.lora_alpha": "32", "peft.lora_dropout": "0.05", "peft.target_modules": '["q_proj","v_proj"]' });
    // The mapping re-derives the run's typed fields from them: created with rank 8, it now says what the adapter says.
    const typed = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect({ rank: typed.rank, loraAlpha: typed.loraAlpha }).toEqual({ rank: 16, loraAlpha: 32 });
  });

  it("keeps a file named adapter_config.json that is not a LoRA config, and sets no params from it", async () => {
    const run = await newRun();
    expect((await put(`0/${run.id}/artifacts/adapter_config.json`, "not json")).status).toBe(200);
    expect(await prisma.runParam.count({ where: { runId: run.id } })).toBe(0);
  });
});

describe("path escapes", () => {
  let runId: string;
  let outside: string;
  beforeAll(async () => {
    runId = (await newRun()).id;
    outside = mkdtempSync(path.join(os.tmpdir(), "tuneboard-outside-"));
    writeFileSync(path.join(outside, "secret.txt"), "secret");
  });

  it.each([
    "..%2F..%2F..%2Fescaped.txt",
    "%2e%2e/%2e%2e/%2e%2e/escaped.txt",
    "sub/%2E%2E%2F%2E%2E%2F%2E%2E%2Fescaped.txt",
    "..%5C..%5C..%5Cescaped.txt",
    "a%00.txt",
    "/tmp/escaped.txt",
    "%2Ftmp%2Fescaped.txt",
    "a/%0aescaped.txt",
    "%E0%A4%A",
  ])("refuses an upload to artifacts/%s and writes nothing anywhere", async (attack) => {
    const before = filesUnder(artifactsRoot()).length;
    const response = await put(`0/${runId}/artifacts/${attack}`, "escape attempt");
    expect([400, 404]).toContain(response.status);
    const body = await response.json();
    expect(["INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST"]).toContain(body.error_code);
    expect(filesUnder(artifactsRoot()).length).toBe(before);
    expect(await prisma.artifact.count({ where: { runId } })).toBe(0);
  });

  it.each(["../../x", `0/${"RUN"}/artifacts/../../..`, "/etc", "0/RUN/artifacts/a\\..\\..\\x", "0/RUN/artifacts/a/\0"])("refuses a listing of ?path=%j", async (attack) => {
    const response = await get(`${BASE}?path=${encodeURIComponent(attack.replace("RUN", runId))}`);
    expect([400, 404]).toContain(response.status);
  });

  it("refuses a tracking listing that climbs out of the run", async () => {
    const response = await call(listRoute.GET, { path: `/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=${encodeURIComponent("../other")}` });
    expect(response.status).toBe(400);
  });

  it("does not follow a symlink in the run's folder, to write or to read", async () => {
    const runDir = path.join(artifactsRoot(), runId);
    mkdirSync(runDir, { recursive: true });
    symlinkSync(outside, path.join(runDir, "linked-dir"));
    symlinkSync(path.join(outside, "secret.txt"), path.join(runDir, "linked-file.txt"));

    const write = await put(`0/${runId}/artifacts/linked-dir/planted.txt`, "planted");
    expect(write.status).toBe(400);
    expect(existsSync(path.join(outside, "planted.txt"))).toBe(false);
    const overwrite = await put(`0/${runId}/artifacts/linked-dir/secret.txt`, "overwritten");
    expect(overwrite.status).toBe(400);

    expect((await get(`${BASE}/0/${runId}/artifacts/linked-dir/secret.txt`)).status).toBe(404);
    expect((await get(`${BASE}/0/${runId}/artifacts/linked-file.txt`)).status).toBe(404);
  });
});

describe("the 100 MB cap", () => {
  const tempFiles = () => filesUnder(path.join(artifactsRoot(), ".tmp"));

  it("refuses a declared Content-Length over 100 MB before reading the body", async () => {
    const run = await newRun();
    const response = await put(`0/${run.id}/artifacts/big.bin`, "small", { headers: { "content-length": String(MAX_ARTIFACT_BYTES + 1) } });
    expect(response.status).toBe(413);
    expect(existsSync(path.join(artifactsRoot(), run.id, "big.bin"))).toBe(false);
  });

  it("stops a streamed body one byte over 100 MB with a 413 and leaves no file, temp file or row", async () => {
    const run = await newRun();
    const response = await put(`0/${run.id}/artifacts/model.safetensors`, zeroStream(MAX_ARTIFACT_BYTES + 1));
    expect(response.status).toBe(413);
    expect((await response.json()).error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(existsSync(path.join(artifactsRoot(), run.id, "model.safetensors"))).toBe(false);
    expect(tempFiles()).toEqual([]);
    expect(await prisma.artifact.count({ where: { runId: run.id } })).toBe(0);
  });

  it("takes a body of exactly the cap and refuses one byte more (saveArtifact with a small cap)", async () => {
    const run = await newRun();
    const exact = await saveArtifact({ runId: run.id, segments: ["exact.bin"], body: zeroStream(1_000), maxBytes: 1_000 });
    expect(exact.sizeBytes).toBe(1_000);
    await expect(saveArtifact({ runId: run.id, segments: ["over.bin"], body: zeroStream(1_001), maxBytes: 1_000 })).rejects.toMatchObject({ code: "payload_too_large" });
    expect(existsSync(path.join(artifactsRoot(), run.id, "over.bin"))).toBe(false);
    expect(tempFiles()).toEqual([]);
  });
});

describe("runs that do not match", () => {
  it("answers 404 RESOURCE_DOES_NOT_EXIST for an unknown run, a run of another experiment, a deleted run, or a path outside artifacts/", async () => {
    const run = await newRun();
    const other = await prisma.experiment.create({ data: { id: `9${Date.now()}`, name: `other ${Date.now()}` } });
    const deleted = await newRun();
    await prisma.run.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    for (const target of [`0/no-such-run/artifacts/x.txt`, `${other.id}/${run.id}/artifacts/x.txt`, `0/${deleted.id}/artifacts/x.txt`, `0/${run.id}/models/x.txt`]) {
      const response = await put(target, "x");
      expect(response.status, target).toBe(404);
      expect((await response.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    }
    expect((await get(`${BASE}/0/${run.id}/artifacts/never-uploaded.txt`)).status).toBe(404);
    expect((await get(`${BASE}?path=${other.id}/${run.id}/artifacts`)).status).toBe(404);
    expect(await prisma.artifact.count({ where: { runId: { in: [run.id, deleted.id] } } })).toBe(0);
  });
});

describe("auth", () => {
  const basic = (username: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` });

  it("refuses uploads without credentials (401 UNAUTHENTICATED) and from a viewer (403 PERMISSION_DENIED)", async () => {
    const run = await newRun();
    const anonymous = await put(`0/${run.id}/artifacts/x.txt`, "x", { as: "none" });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error_code).toBe("UNAUTHENTICATED");
    const viewer = await put(`0/${run.id}/artifacts/x.txt`, "x", { as: "viewer" });
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error_code).toBe("PERMISSION_DENIED");
    expect(existsSync(path.join(artifactsRoot(), run.id, "x.txt"))).toBe(false);
  });

  it("takes Basic with username + API token or username + password, as MLFLOW_TRACKING_USERNAME/PASSWORD send them", async () => {
    const run = await newRun();
    const { token } = await tokenFor("member");
    expect((await put(`0/${run.id}/artifacts/by-token.txt`, "x", { as: basic("test-member", token) })).status).toBe(200);
    expect((await put(`0/${run.id}/artifacts/by-password.txt`, "x", { as: basic("test-member", "test-password") })).status).toBe(200);
    const wrong = await put(`0/${run.id}/artifacts/wrong.txt`, "x", { as: basic("test-member", "not-the-password") });
    expect(wrong.status).toBe(401);
    // Another user's token under this username is not accepted.
    const mismatched = await put(`0/${run.id}/artifacts/mismatched.txt`, "x", { as: basic("test-viewer", token) });
    expect(mismatched.status).toBe(401);
    expect((await prisma.artifact.findMany({ where: { runId: run.id }, select: { path: true }, orderBy: { path: "asc" } })).map((row) => row.path)).toEqual(["by-password.txt", "by-token.txt"]);
  });

  it("lets anyone read while reads are public, and refuses a bad token even on a read", async () => {
    const run = await newRun();
    await put(`0/${run.id}/artifacts/open.txt`, "open");
    expect((await get(`${BASE}/0/${run.id}/artifacts/open.txt`, "none")).status).toBe(200);
    const badToken = await get(`${BASE}/0/${run.id}/artifacts/open.txt`, { authorization: "Bearer not-a-token" });
    expect(badToken.status).toBe(401);
    expect((await badToken.json()).error_code).toBe("UNAUTHENTICATED");
  });
});
