import "server-only";
// Run artifacts on disk, as MLflow's artifact proxy keeps them: <root>/<runId>/<path>, one Artifact row per file
// (size, sha256). Paths arrive checked segment by segment (lib/artifacts/paths.ts); here the disk side is made
// safe too: no existing part of a path may be a symlink, uploads stream to a temp file and are renamed into place
// only once complete and under the cap, and downloads open the file without following a link.
import { createHash, randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { lstat, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { ApiError } from "@/lib/api/errors";
import { formatBytes } from "@/lib/format-bytes";
import { env } from "@/lib/env";
import { parseAdapterConfig } from "@/lib/ingest/imports/adapter-config";
import { isRecord } from "@/lib/ingest/imports/types";
import { prisma } from "@/lib/server/db/client";
import { applyDerivedFields } from "@/lib/server/mlflow/apply";

/** Largest artifact accepted: 100 MB (10^8 bytes), the cap. Larger uploads are a 413 and leave nothing. */
export const MAX_ARTIFACT_BYTES = 100_000_000;

export type ArtifactInfo = { path: string; sizeBytes: number; sha256: string; createdAt: string; updatedAt: string };
/** One entry of a folder listing, as MLflow lists it: a file with its size, or a folder. */
export type ArtifactEntry = { path: string; isDir: boolean; sizeBytes?: number };

/** Absolute folder that holds every run's artifacts. */
export function artifactsRoot(): string {
  // turbopackIgnore: a runtime setting, not a file the build should trace.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.TUNEBOARD_ARTIFACTS_DIR);
}

const notFoundRun = (runId: string) => new ApiError("not_found", `Run '${runId}' does not exist`);

/** The live run with this id, which must belong to the experiment when one is named (MLflow URIs carry both). */
export async function assertArtifactRun(runId: string, experimentId?: string): Promise<{ experimentId: string }> {
  const run = await prisma.run.findUnique({ where: { id: runId }, select: { experimentId: true, deletedAt: true } });
  if (!run || run.deletedAt) throw notFoundRun(runId);
  if (experimentId !== undefined && run.experimentId !== experimentId) {
    throw new ApiError("not_found", `Run '${runId}' does not belong to experiment '${experimentId}'`);
  }
  return { experimentId: run.experimentId };
}

type Walk = { target: string; exists: "file" | "dir" | null };

/**
 * Walks the run folder and then each segment with lstat: any symlink is refused, a file where a folder must be is
 * refused, and the target's kind is reported. Segments are already checked names, so the joined path stays under
 * the root; the walk makes sure the disk does not redirect it.
 */
async function walk(runId: string, segments: readonly string[]): Promise<Walk> {
  const parts = [runId, ...segments];
  let current = artifactsRoot();
  for (let i = 0; i < parts.length; i++) {
    current = path.join(current, parts[i]!);
    const stat = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    const isLast = i === parts.length - 1;
    if (!stat) return { target: path.join(current, ...parts.slice(i + 1)), exists: null };
    if (stat.isSymbolicLink()) throw new ApiError("bad_request", "Artifact path passes through a symbolic link");
    if (isLast) return { target: current, exists: stat.isDirectory() ? "dir" : stat.isFile() ? "file" : null };
    if (!stat.isDirectory()) throw new ApiError("bad_request", `Artifact path '${parts.slice(1, i + 1).join("/")}' is a file, not a folder`);
  }
  return { target: current, exists: "dir" };
}

function tooLarge(): ApiError {
  return new ApiError("payload_too_large", `Artifact is larger than the limit of ${formatBytes(MAX_ARTIFACT_BYTES)} (${MAX_ARTIFACT_BYTES} bytes)`);
}

/**
 * Stores one file. The body is streamed to a temp file beside the artifacts (same file system, so the rename is
 * atomic) while its sha256 is computed; past MAX_ARTIFACT_BYTES the read stops, the temp file is removed and the
 * answer is 413. A re-upload replaces the file and updates its row.
 */
export async function saveArtifact(input: {
  runId: string;
  segments: readonly string[];
  body: ReadableStream<Uint8Array> | null;
  declaredBytes?: number | null;
  maxBytes?: number;
}): Promise<ArtifactInfo> {
  const maxBytes = input.maxBytes ?? MAX_ARTIFACT_BYTES;
  if (input.segments.length === 0) throw new ApiError("bad_request", "An artifact upload needs a file path");
  if (input.declaredBytes != null && input.declaredBytes > maxBytes) throw tooLarge();
  if ((await walk(input.runId, input.segments)).exists === "dir") throw new ApiError("bad_request", "Artifact path is a folder");

  const tempDir = path.join(artifactsRoot(), ".tmp");
  await mkdir(tempDir, { recursive: true });
  const tempFile = path.join(tempDir, randomUUID());
  const hash = createHash("sha256");
  let size = 0;
  const handle = await open(tempFile, "wx");
  try {
    if (input.body) {
      const reader = input.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        hash.update(value);
        // One chunk at a time: the next is not read until this one is written, so memory stays one chunk.
        await handle.write(value);
      }
    }
    await handle.close();
    // Checked again: a folder or link may have appeared while the body streamed in.
    const { target, exists } = await walk(input.runId, input.segments);
    if (exists === "dir") throw new ApiError("bad_request", "Artifact path is a folder");
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tempFile, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempFile, { force: true });
    throw error;
  }

  const relativePath = input.segments.join("/");
  const sha256 = hash.digest("hex");
  const row = await prisma.artifact.upsert({
    where: { runId_path: { runId: input.runId, path: relativePath } },
    create: { runId: input.runId, path: relativePath, sizeBytes: size, sha256 },
    update: { sizeBytes: size, sha256 },
  });
  if (input.segments[input.segments.length - 1] === "adapter_config.json") await recordAdapterConfigParams(input.runId, await readSmallFile(input.runId, input.segments));
  return serialize(row);
}

/** Largest adapter_config.json read back for its PEFT settings (real ones are under 2 kB). */
const MAX_ADAPTER_CONFIG_BYTES = 1_000_000;

async function readSmallFile(runId: string, segments: readonly string[]): Promise<string | null> {
  const { target } = await walk(runId, segments);
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if ((await handle.stat()).size > MAX_ADAPTER_CONFIG_BYTES) return null;
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * An uploaded PEFT adapter_config.json (HF's Trainer logs PEFT settings nowhere else) becomes params `peft.<key>`
 * (peft.r, peft.lora_alpha, peft.target_modules), which the MLflow mapping reads like any logged param. The file's
 * values replace earlier peft.* values: the file is the adapter as saved. A file that is not a LoRA adapter config
 * is kept as an artifact and sets nothing: an upload never fails over its content.
 */
async function recordAdapterConfigParams(runId: string, text: string | null): Promise<void> {
  if (text === null) return;
  let params: Record<string, string>;
  try {
    const config: unknown = JSON.parse(text);
    if (!isRecord(config)) return;
    params = parseAdapterConfig(config, "adapter_config.json").params;
  } catch {
    return;
  }
  // The import parser names its params peft.<key> already; prefix any it leaves bare.
  const entries = Object.entries(params).map(([key, value]) => [key.startsWith("peft.") ? key : `peft.${key}`, value] as const);
  await prisma.$transaction(entries.map(([key, value]) => prisma.runParam.upsert({ where: { runId_key: { runId, key } }, create: { runId, key, value }, update: { value } })));
  // The mapping turns peft.r into rank, peft.target_modules into target modules. Its failure must not fail the
  // upload (torchtune stops training when an artifact upload fails): the params stay for the next re-derivation.
  await applyDerivedFields(runId).catch((error: unknown) => console.error("Re-deriving fields after adapter_config.json failed", error));
}

function serialize(row: { path: string; sizeBytes: number; sha256: string; createdAt: Date; updatedAt: Date }): ArtifactInfo {
  return { path: row.path, sizeBytes: row.sizeBytes, sha256: row.sha256, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** Every file of a run, by path: the run page's Artifacts section and GET /api/runs/{id}/artifacts. */
export async function listRunArtifacts(runId: string): Promise<ArtifactInfo[]> {
  await assertArtifactRun(runId);
  const rows = await prisma.artifact.findMany({ where: { runId }, orderBy: { path: "asc" } });
  return rows.map(serialize);
}

/**
 * The direct children of a folder of a run's artifacts (the run's root for no segments), folders first, with
 * paths relative to the run's root as MLflow's ListArtifacts gives them. Read from the rows, which are written
 * only for completed uploads. A path that is a file or does not exist lists nothing, as in MLflow.
 */
export async function listArtifactFolder(runId: string, segments: readonly string[]): Promise<ArtifactEntry[]> {
  const prefix = segments.length ? `${segments.join("/")}/` : "";
  const rows = await prisma.artifact.findMany({
    where: { runId, ...(prefix ? { path: { startsWith: prefix } } : {}) },
    select: { path: true, sizeBytes: true },
    orderBy: { path: "asc" },
  });
  const folders = new Set<string>();
  const files: ArtifactEntry[] = [];
  for (const row of rows) {
    // startsWith is LIKE in SQLite, which ignores case for ASCII: keep only exact prefixes.
    if (!row.path.startsWith(prefix)) continue;
    const rest = row.path.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash === -1) files.push({ path: prefix + rest, isDir: false, sizeBytes: row.sizeBytes });
    else folders.add(prefix + rest.slice(0, slash));
  }
  return [...[...folders].map((folder) => ({ path: folder, isDir: true })), ...files];
}

export type ArtifactDownload = { body: ReadableStream<Uint8Array>; sizeBytes: number; fileName: string };

/** Opens a stored file for streaming. 404 for a folder, a missing file, or a path through a symlink. */
export async function openArtifact(runId: string, segments: readonly string[]): Promise<ArtifactDownload> {
  const missing = new ApiError("not_found", `Artifact '${segments.join("/")}' does not exist`);
  if (segments.length === 0) throw missing;
  const { target, exists } = await walk(runId, segments).catch((error: unknown) => {
    if (error instanceof ApiError) throw missing;
    throw error;
  });
  if (exists !== "file") throw missing;
  // O_NOFOLLOW: should the last segment have become a link since the walk, the open fails instead of following it.
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => {
    throw missing;
  });
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw missing;
  }
  const stream = handle.createReadStream();
  return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, sizeBytes: stat.size, fileName: segments[segments.length - 1]! };
}
