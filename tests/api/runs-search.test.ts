// The runs list's free-text search through the full-text index (issue 13): what it finds (typed settings, tags, raw
// params and key-value tags), that every write keeps the index in step (create, PATCH, tags, MLflow params and tags,
// soft delete and restore, hard delete, a GPU or a model renamed), short queries, and that runWhere (Prisma) and
// compareWhereSql (SQL) select the same runs for a query. The same answers on SQLite (FTS5) and PostgreSQL (pg_trgm):
// tests of SQLite's own machinery skip on PostgreSQL, whose triggers and index have their own tests at the end.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import * as createRunRoute from "@/app/api/2.0/mlflow/runs/create/route";
import * as deleteTagRoute from "@/app/api/2.0/mlflow/runs/delete-tag/route";
import * as logBatchRoute from "@/app/api/2.0/mlflow/runs/log-batch/route";
import * as logParamRoute from "@/app/api/2.0/mlflow/runs/log-parameter/route";
import * as setTagRoute from "@/app/api/2.0/mlflow/runs/set-tag/route";
import * as exportRoute from "@/app/api/export/route";
import * as restoreRoute from "@/app/api/runs/[id]/restore/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as batchRoute from "@/app/api/runs/batch/route";
import * as runsRoute from "@/app/api/runs/route";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CompareFilters } from "@/lib/schemas/compare";
import { compareWhereSql } from "@/lib/server/compare/sql";
import { prisma } from "@/lib/server/db/client";
import { keepTriggersAcrossRedefinitions, type TriggerDefinition } from "@/lib/server/db/migration-sql";
import { diffMigrationsToSchema } from "@/lib/server/db/schema-engine";
import { runWhere } from "@/lib/server/runs/read-runs";
import { POSTGRES_RUN_SEARCH_DOCUMENT_SQL, REBUILD_RUN_SEARCH_SQL, RUN_SEARCH_DOCUMENT_SQL } from "@/lib/server/runs/search-index";
import { runSearchRowidsSql, searchMatchQuery } from "@/lib/server/runs/search";
import { call } from "../support/api";
import { onPostgres } from "../support/postgres";

/** The document of the run `r` as the engine's bulk code builds it from the tables (what its triggers must write). */
const DOCUMENT_SQL = onPostgres ? POSTGRES_RUN_SEARCH_DOCUMENT_SQL : RUN_SEARCH_DOCUMENT_SQL;

/** Ids of the runs GET /api/runs lists for `q` (and any other query), checking the count against them. */
async function found(q: string, extra = ""): Promise<string[]> {
  const { status, body } = await call(runsRoute.GET, { path: `/api/runs?limit=200&q=${encodeURIComponent(q)}${extra}` });
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.total).toBe(body.items.length);
  return body.items.map((run: { id: string }) => run.id);
}

async function createRun(fields: Record<string, unknown>): Promise<string> {
  const { status, body } = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "meta-llama/Llama-2-7b-hf", rank: 16, ...fields } });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.id;
}

const patch = (id: string, body: Record<string, unknown>) => call(runRoute.PATCH, { method: "PATCH", path: `/api/runs/${id}`, params: { id }, body });
const mlflow = (route: { POST: (request: Request) => Promise<Response> }, body: unknown) => call(route.POST, { method: "POST", body });

async function mlflowRun(name: string): Promise<string> {
  const created = await mlflow(createRunRoute, { run_name: name, start_time: 1_700_000_000_000 });
  expect(created.status, created.text).toBe(200);
  return created.body.run.info.run_id;
}

/** The run's document in the index, as the triggers wrote it; null when it has none. */
async function documentOf(id: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ body: string }[]>`SELECT s."body" FROM "RunSearch" s WHERE s."runId" = ${id}`;
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.body ?? null;
}

describe("free-text search through the index", () => {
  let adamw = "";
  beforeAll(async () => {
    adamw = await createRun({ name: "search-settings-run", optimizer: "paged_adamw8bit", precision: "bf16", attention: "flash", framework: "axolotl", quantization: "none", tags: ["zebra-sweep"] });
  });

  it("finds a run by a typed setting it has nowhere else: paged_adamw8bit, the framework", async () => {
    expect(await found("paged_adamw8bit")).toContain(adamw);
    expect(await found("PAGED_ADAMW8")).toContain(adamw);
    expect(await found("axolotl")).toContain(adamw);
  });

  it("finds runs by substring of a name, a model and a tag, case-insensitively, and nothing for a miss", async () => {
    expect(await found("search-settings")).toEqual([adamw]);
    expect(await found("llama 2 7")).toContain(adamw);
    // The catalog model's Hugging Face id too, which is what people paste.
    expect(await found("meta-llama/LLAMA-2-7b")).toContain(adamw);
    expect(await found("ZEBRA-SW")).toEqual([adamw]);
    expect(await found("no-run-has-this-text")).toEqual([]);
  });

  it("does not match a setting's default ('none' quantization) as text", async () => {
    const none = await found("none");
    expect(none).not.toContain(adamw);
  });

  it("takes quotes and FTS5 syntax in a query as plain text", async () => {
    const quoted = await createRun({ name: 'tried "NEAR" AND OR * ^ - (x)', tags: ["quoted-search"] });
    expect(await found('"NEAR" AND')).toEqual([quoted]);
    expect(await found("* ^ - (x)")).toEqual([quoted]);
    expect(await found('"')).toContain(quoted);
  });

  it("reads %, _ and backslashes as plain text from three characters on, and below three as SQLite's LIKE does (% and _ wildcards)", async () => {
    const x = await createRun({ name: "wild 50%_off\\path", tags: ["wild-escape"] });
    const y = await createRun({ name: "wild 5000 offpath", tags: ["wild-escape"] });
    const both = [x, y].sort();
    // Three or more characters: every character literal (a LIKE wildcard would also match y).
    expect(await found("50%", "&tag=wild-escape")).toEqual([x]);
    expect(await found("%_o", "&tag=wild-escape")).toEqual([x]);
    expect(await found("f\\p", "&tag=wild-escape")).toEqual([x]);
    expect(await found("F\\PATH")).toEqual([x]);
    // One or two: % and _ are wildcards, a backslash is itself (were it an escape character, backslash-p would mean p).
    expect((await found("_o", "&tag=wild-escape")).sort()).toEqual(both);
    expect((await found("%", "&tag=wild-escape")).sort()).toEqual(both);
    expect(await found("\\p", "&tag=wild-escape")).toEqual([x]);
    expect(await found("\\", "&tag=wild-escape")).toEqual([x]);
  });

  it("answers one- and two-character queries by scanning (no index for them): substring, case-insensitive", async () => {
    const short = await createRun({ name: "Qz marker run", tags: ["search-short"] });
    expect(await found("qZ")).toEqual([short]);
    expect(await found("qz", "&tag=search-short")).toEqual([short]);
    expect(searchMatchQuery("qz")).toBeNull();
    expect(searchMatchQuery("qzm")).toBe('"qzm"');
  });

  it("searches through the export's selection too", async () => {
    const { status, text } = await call(exportRoute.GET, { path: `/api/export?format=json&q=paged_adamw8bit`, as: "viewer" });
    expect(status).toBe(200);
    const ids = (JSON.parse(text) as { items: { id: string }[] }).items.map((run) => run.id);
    expect(ids).toContain(adamw);
    expect(ids.every((id) => id === adamw || id !== "")).toBe(true);
    const miss = JSON.parse((await call(exportRoute.GET, { path: `/api/export?format=json&q=no-run-has-this-text`, as: "viewer" })).text) as { items: unknown[] };
    expect(miss.items).toEqual([]);
  });
});

describe("the index stays in step with every write", () => {
  it("PATCH: a new name, notes and setting are found, the old ones are not", async () => {
    const id = await createRun({ name: "kestrel-before", notes: "first notes", optimizer: "adamw" });
    expect(await found("kestrel-before")).toEqual([id]);
    expect((await patch(id, { name: "kestrel-after", notes: "osprey notes", optimizer: "adafactor" })).status).toBe(200);
    expect(await found("kestrel-before")).toEqual([]);
    expect(await found("kestrel-after")).toEqual([id]);
    expect(await found("osprey not")).toEqual([id]);
    expect(await found("adafacto")).toEqual([id]);
    expect(await found("first notes")).toEqual([]);
  });

  it("tags: replacing a run's tags moves it from the old tag's results to the new one's", async () => {
    const id = await createRun({ name: "tag-change-run", tags: ["heron-tag"] });
    expect(await found("heron-tag")).toEqual([id]);
    expect((await patch(id, { tags: ["egret-tag"] })).status).toBe(200);
    expect(await found("heron-tag")).toEqual([]);
    expect(await found("egret-tag")).toEqual([id]);
  });

  it("MLflow: params from log-parameter and log-batch, a tag set, overwritten and deleted", async () => {
    const id = await mlflowRun("mlflow-search-run");
    expect((await mlflow(logParamRoute, { run_id: id, key: "output_dir", value: "/scratch/wombat-output" })).status).toBe(200);
    expect((await mlflow(logBatchRoute, { run_id: id, params: [{ key: "lr_scheduler_type", value: "cosine_with_numbat" }, { key: "seed", value: "1234567" }] })).status).toBe(200);
    expect(await found("wombat-out")).toEqual([id]);
    expect(await found("numbat")).toEqual([id]);
    // Keys alone are not searched: "lr_scheduler_type" is logged by every HF run.
    expect(await found("lr_scheduler_type")).toEqual([]);
    await mlflow(setTagRoute, { run_id: id, key: "stage", value: "quokka-warmup" });
    expect(await found("quokka-warmup")).toEqual([id]);
    await mlflow(setTagRoute, { run_id: id, key: "stage", value: "dingo-main" });
    expect(await found("quokka-warmup")).toEqual([]);
    expect(await found("dingo-main")).toEqual([id]);
    expect((await mlflow(deleteTagRoute, { run_id: id, key: "stage" })).status).toBe(200);
    expect(await found("dingo-main")).toEqual([]);
    expect(await found("numbat")).toEqual([id]);
  });

  it("soft delete leaves the list and restore brings it back; an admin finds it among the deleted", async () => {
    const id = await createRun({ name: "pangolin-soft-delete" });
    expect((await call(runRoute.DELETE, { method: "DELETE", path: `/api/runs/${id}`, params: { id } })).status).toBe(204);
    expect(await found("pangolin-soft")).toEqual([]);
    const deleted = await call(runsRoute.GET, { path: `/api/runs?deleted=true&q=pangolin-soft`, as: "admin" });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.body.items.map((run: { id: string }) => run.id)).toEqual([id]);
    expect(deleted.body.total).toBe(1);
    expect((await call(restoreRoute.POST, { method: "POST", path: `/api/runs/${id}/restore`, params: { id }, as: "admin" })).status).toBe(200);
    expect(await found("pangolin-soft")).toEqual([id]);
  });

  it("hard delete (with its tags and params, by cascade) removes the run's document", async () => {
    const id = await createRun({ name: "axolotl-hard-delete", tags: ["hard-delete-tag"] });
    await prisma.runParam.create({ data: { runId: id, key: "k", value: "hard-delete-param" } });
    expect(await documentOf(id)).toContain("hard-delete-param");
    await prisma.run.delete({ where: { id } });
    expect(await documentOf(id)).toBeNull();
    expect(await found("hard-delete")).toEqual([]);
  });

  it("a GPU renamed in the catalog is found by its new name", async () => {
    const id = await createRun({ name: "renamed-gpu-run", hardware: "rtx-3060", tags: ["renamed-gpu"] });
    const before = await prisma.hardware.findUniqueOrThrow({ where: { id: "rtx-3060" } });
    await prisma.hardware.update({ where: { id: "rtx-3060" }, data: { name: "Ocelot Card 12GB" } });
    try {
      expect(await found("ocelot card", "&tag=renamed-gpu")).toEqual([id]);
    } finally {
      await prisma.hardware.update({ where: { id: "rtx-3060" }, data: { name: before.name } });
    }
    expect(await found("ocelot card", "&tag=renamed-gpu")).toEqual([]);
  });

  it("a catalog model's Hugging Face id changed is found by its new id, and the old one no longer", async () => {
    const id = await createRun({ name: "renamed-model-run", model: "meta-llama/Llama-2-7b-hf", tags: ["renamed-model"] });
    const model = await prisma.model.findUniqueOrThrow({ where: { hfId: "meta-llama/Llama-2-7b-hf" } });
    expect(await found("meta-llama/llama-2-7b-hf", "&tag=renamed-model")).toEqual([id]);
    await prisma.model.update({ where: { id: model.id }, data: { hfId: "margay-org/Margay-7b" } });
    try {
      expect(await found("margay-org/margay", "&tag=renamed-model")).toEqual([id]);
      expect(await found("meta-llama/llama-2-7b-hf", "&tag=renamed-model")).toEqual([]);
    } finally {
      await prisma.model.update({ where: { id: model.id }, data: { hfId: "meta-llama/Llama-2-7b-hf" } });
    }
    expect(await found("margay-org", "&tag=renamed-model")).toEqual([]);
    expect(await found("meta-llama/llama-2-7b-hf", "&tag=renamed-model")).toEqual([id]);
  });

  it("a large batch queues its documents instead of writing them in its transaction, and a search right after it finds every run", async () => {
    // 60 runs: at or above the batch size that defers indexing (lib/server/db/bulk-write.ts). Their documents are
    // not written by the batch's own transaction; the list's search drains the queue before it reads. (PostgreSQL
    // writes them in the batch's statements, by statement-level triggers, and never queues: the same answers.)
    const items = Array.from({ length: 60 }, (_, i) => ({ method: "qlora", model: "meta-llama/Llama-2-7b-hf", rank: 8, name: `deferred-batch-${i}`, tags: ["deferred-batch-tag", `deferred-label-${i}`] }));
    const posted = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items } });
    expect(posted.status, posted.text).toBe(201);
    expect(await prisma.runSearchDefer.count()).toBe(0);
    expect((await found("deferred-batch-tag")).length).toBe(60);
    expect(await found("deferred-label-59")).toEqual([posted.body.items[59].id]);
    expect(await prisma.runSearchPending.count()).toBe(0);
    // Each document once, as the tables build it (a deferred run is not indexed twice, nor left out).
    const rows = await prisma.$queryRaw<{ stored: string; built: string }[]>(
      Prisma.sql`SELECT s.body AS stored, (${Prisma.raw(DOCUMENT_SQL)}) AS built FROM "Run" r JOIN "RunSearch" s ON s.rowid = r.rowid WHERE r."name" LIKE 'deferred-batch-%'`,
    );
    expect(rows.length).toBe(60);
    expect(rows.filter((row) => row.stored !== row.built)).toEqual([]);
    // A small batch still indexes inside its own write: found without any drain having to run.
    const small = await call(batchRoute.POST, { method: "POST", path: "/api/runs/batch", body: { items: items.slice(0, 2).map((item, i) => ({ ...item, name: `small-batch-${i}`, tags: ["small-batch-tag"] })) } });
    expect(small.status, small.text).toBe(201);
    expect(await prisma.runSearchPending.count()).toBe(0);
    expect(await documentOf(small.body.items[0].id)).toContain("small-batch-tag");
  });

  it("the triggers write the same document as RUN_SEARCH_DOCUMENT_SQL builds from the tables (which bulk inserts use)", async () => {
    const id = await createRun({ name: "document-check-run" });
    const patched = await patch(id, { tags: ["label-one", "label-two"], notes: "some notes", hardware: "a100-80gb" });
    expect(patched.status, patched.text).toBe(200);
    // Written as the MLflow store writes them (its routes also remap the run's fields from what they log).
    await prisma.runParam.createMany({ data: [{ runId: id, key: "a", value: "alpha-value" }, { runId: id, key: "b", value: "beta-value" }] });
    await prisma.runKeyTag.create({ data: { runId: id, key: "t", value: "tag-value" } });
    await prisma.runParam.delete({ where: { runId_key: { runId: id, key: "b" } } });
    const rows = await prisma.$queryRaw<{ id: string; stored: string; built: string }[]>(
      Prisma.sql`SELECT r.id, s.body AS stored, (${Prisma.raw(DOCUMENT_SQL)}) AS built FROM "Run" r JOIN "RunSearch" s ON s.rowid = r.rowid`,
    );
    expect(rows.length).toBe(await prisma.run.count());
    expect(rows.filter((row) => row.stored !== row.built)).toEqual([]);
    expect(rows.find((row) => row.id === id)!.stored.split("\n")).toEqual(expect.arrayContaining(["document-check-run", "some notes", "label-one", "label-two", "alpha-value", "tag-value", "meta-llama/Llama-2-7b-hf", "NVIDIA A100 SXM4 80GB"]));
  });
});

describe("the list's own reading of runs", () => {
  it("serialises a run exactly as GET /api/runs/{id} does, relations included", async () => {
    const id = await createRun({ name: "serialise-check", hardware: "a100-80gb", tags: ["b-tag", "a-tag"], notes: "n", gradientCheckpointing: true, peakMemoryGbMin: 10, peakMemoryGbMax: 12 });
    await prisma.run.update({ where: { id }, data: { sourceId: (await prisma.source.findFirstOrThrow()).id, isBaseline: true } });
    const { body } = await call(runsRoute.GET, { path: `/api/runs?q=serialise-check` });
    const detail = (await call(runRoute.GET, { path: `/api/runs/${id}`, params: { id } })).body as Record<string, unknown>;
    const listed = body.items[0] as Record<string, unknown>;
    expect(listed.id).toBe(id);
    expect(Object.keys(listed).sort()).toEqual(Object.keys(detail).filter((key) => key in listed).sort());
    for (const key of Object.keys(listed)) expect({ key, value: listed[key] }).toEqual({ key, value: detail[key] });
    expect(listed).toMatchObject({ isBaseline: true, gradientCheckpointing: true, tags: ["a-tag", "b-tag"], hardwareName: "NVIDIA A100 SXM4 80GB", experimentName: "Default" });
    expect(typeof listed.createdAt).toBe("string");
    expect((listed.source as { id: string } | null)?.id).toBeTruthy();
  });

  it("pages through a search and a sort with the cursor: every run once, in order", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(await createRun({ name: `cursor-page-run ${i}`, rank: [8, 16, null, 16, 64, null, 8][i] ?? null, method: [2, 5].includes(i) ? "full" : "lora" }));
    for (const sort of ["createdAt", "rank", "name"]) {
      for (const order of ["asc", "desc"]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null; total: number } } = await call(runsRoute.GET, {
            path: `/api/runs?q=cursor-page-run&sort=${sort}&order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
          });
          expect(page.status).toBe(200);
          expect(page.body.total).toBe(7);
          seen.push(...page.body.items.map((run) => run.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(seen.length, `${sort} ${order}`).toBe(7);
        expect(new Set(seen)).toEqual(new Set(ids));
      }
    }
  });
});

describe("runWhere and compareWhereSql select the same runs for a query", () => {
  it("over names, settings, tags, params, key-value tags, short queries and LIKE's wildcards", async () => {
    const a = await createRun({ name: "agree 50%_off", optimizer: "paged_adamw8bit", tags: ["agree-a"] });
    const b = await mlflowRun("agree-b");
    await mlflow(logBatchRoute, { run_id: b, params: [{ key: "optim", value: "paged_adamw8bit" }], tags: [{ key: "team", value: "agree-team" }] });
    const cases: CompareFilters[] = [
      { q: "paged_adamw8bit" },
      { q: "agree-team" },
      { q: "agree" },
      { q: "50%" },
      { q: "%_" },
      { q: "_" },
      { q: "ag" },
      { q: "a" },
      { q: "AGREE-A" },
      { q: "llama", method: ["lora"] },
      { q: "none-such-text" },
      { q: "f\\p" },
      { q: "\\p" },
      { q: "%_o" },
    ];
    for (const filters of cases) {
      const viaPrisma = (await prisma.run.findMany({ where: runWhere(filters), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id FROM "Run" r WHERE ${compareWhereSql(filters)}`)).map((r) => r.id).sort();
      expect({ filters, ids: viaSql }).toEqual({ filters, ids: viaPrisma });
    }
    const ids = async (q: string) => (await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT r.id FROM "Run" r WHERE ${compareWhereSql({ q })}`)).map((r) => r.id);
    expect((await ids("paged_adamw8bit")).sort()).toEqual(expect.arrayContaining([a, b].sort()));
    expect(await ids("agree-team")).toEqual([b]);
  });
});

describe("migrations and the index", () => {
  it.skipIf(onPostgres)("npm run db:migration finds nothing to write: the diff neither drops RunSearch nor its shadow tables", async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "runs-search-diff-"));
    try {
      const sql = await diffMigrationsToSchema(`file:${path.join(scratch, "scratch.db")}`);
      expect(sql).not.toMatch(/DROP TABLE "RunSearch/);
      expect(sql.replace(/^--.*$/gm, "").trim()).toBe("");
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(onPostgres)("a table redefined by a later migration keeps its triggers and its documents (the script's rewrite, run for real)", async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "runs-search-redefine-"));
    const file = path.join(scratch, "copy.db");
    try {
      const live = await createRun({ name: "redefine-survivor", tags: ["before-redefine"] });
      // Rowids with gaps, so that a copy numbering them afresh would shift documents to other runs.
      await prisma.runTag.deleteMany({ where: { tag: { in: ["egret-tag", "heron-tag"] } } });
      await prisma.$executeRawUnsafe(`VACUUM INTO '${file}'`);
      const db = new Database(file);
      const triggers = db.prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger'`).all() as TriggerDefinition[];
      const redefineRunTag = `PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RunTag" ("runId" TEXT NOT NULL, "tag" TEXT NOT NULL, "color" TEXT NOT NULL DEFAULT 'grey', PRIMARY KEY ("runId", "tag"),
  CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
INSERT INTO "new_RunTag" ("runId", "tag") SELECT "runId", "tag" FROM "RunTag";
DROP TABLE "RunTag";
ALTER TABLE "new_RunTag" RENAME TO "RunTag";
CREATE INDEX "RunTag_tag_idx" ON "RunTag"("tag");
PRAGMA foreign_keys=ON;`;
      // As SQLite itself refuses it without the rewrite: the RENAME trips over Run's triggers, which name RunTag.
      expect(() => db.exec(`BEGIN; ${redefineRunTag} ROLLBACK;`)).toThrow(/no such table: main.RunTag/);
      db.exec("ROLLBACK; PRAGMA foreign_keys=ON;");
      db.exec(keepTriggersAcrossRedefinitions(redefineRunTag, triggers, REBUILD_RUN_SEARCH_SQL));
      const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'RunTag'`).all() as { name: string }[]).map((row) => row.name).sort();
      expect(names).toEqual(["RunSearch_tag_delete", "RunSearch_tag_insert", "RunSearch_tag_insert_deferred", "RunSearch_tag_update"]);
      db.prepare(`INSERT INTO "RunTag" ("runId", "tag") VALUES (?, 'after-redefine')`).run(live);
      const match = (text: string) => (db.prepare(`SELECT s.runId FROM "RunSearch" s WHERE s."RunSearch" MATCH ?`).all(`"${text}"`) as { runId: string }[]).map((row) => row.runId);
      expect(match("after-redefine")).toEqual([live]);
      expect(match("before-redefine")).toEqual([live]);
      db.close();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!onPostgres)("PostgreSQL: the triggers and the trigram index", () => {
  /** The document row's version: PostgreSQL gives a rewritten row a new xmin (the writing transaction). */
  const version = async (id: string) =>
    (await prisma.$queryRaw<{ v: string }[]>`SELECT s.xmin::text AS v FROM "RunSearch" s WHERE s."runId" = ${id}`)[0]?.v;

  it("the folded copy the search reads is the document in lower case, for every run", async () => {
    const id = await createRun({ name: "Folded ÉCOLE Run", tags: ["Folded-Tag"] });
    const rows = await prisma.$queryRaw<{ runId: string; body: string; folded: string }[]>`SELECT s."runId", s."body", s."RunSearch" AS folded FROM "RunSearch" s`;
    expect(rows.length).toBe(await prisma.run.count());
    expect(rows.filter((row) => row.folded !== row.body.toLowerCase())).toEqual([]);
    expect(rows.find((row) => row.runId === id)!.folded).toContain("folded école run");
    expect(await found("folded école")).toEqual([id]);
    expect(await found("FOLDED-TAG")).toEqual([id]);
  });

  it("a write that changes nothing the document holds rewrites nothing: a heartbeat, a review, a catalog row saved unchanged", async () => {
    const id = await createRun({ name: "unchanged-writes-run", hardware: "a100-80gb" });
    const before = await version(id);
    expect(before).toBeTruthy();
    await prisma.$executeRaw`UPDATE "Run" SET "lastSeenAt" = CURRENT_TIMESTAMP, "reviewStatus" = "reviewStatus" WHERE "id" = ${id}`;
    await prisma.$executeRaw`UPDATE "Run" SET "name" = "name", "notes" = "notes" WHERE "id" = ${id}`;
    await prisma.$executeRaw`UPDATE "Model" SET "hfId" = "hfId"`;
    await prisma.$executeRaw`UPDATE "Hardware" SET "name" = "name"`;
    expect(await version(id)).toBe(before);
    // And one that does change it is written (so the check above can fail).
    expect((await patch(id, { notes: "now with notes" })).status).toBe(200);
    expect(await version(id)).not.toBe(before);
    expect(await documentOf(id)).toContain("now with notes");
  });

  it("two transactions tagging one run at once: the document holds both tags, whichever commits first", async () => {
    const id = await createRun({ name: "concurrent-tags-run" });
    const [a, b] = [new pg.Client({ connectionString: process.env.DATABASE_URL }), new pg.Client({ connectionString: process.env.DATABASE_URL })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query("BEGIN");
      await b.query("BEGIN");
      await a.query(`INSERT INTO "RunTag" ("runId", "tag") VALUES ($1, 'concurrent-first')`, [id]);
      // b's trigger built its document without a's uncommitted tag, then waits for a's lock on the document row.
      const second = b.query(`INSERT INTO "RunTag" ("runId", "tag") VALUES ($1, 'concurrent-second')`, [id]);
      const bPid = (b as unknown as { processID: number }).processID;
      let waited = false;
      for (let i = 0; i < 100 && !waited; i += 1) {
        const { rows } = await a.query<{ wait: string | null }>(`SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1`, [bPid]);
        waited = rows[0]?.wait === "Lock";
        if (!waited) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(waited).toBe(true);
      await a.query("COMMIT");
      await second;
      await b.query("COMMIT");
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect((await documentOf(id))!.split("\n")).toEqual(expect.arrayContaining(["concurrent-first", "concurrent-second"]));
    expect(await found("concurrent-first")).toEqual([id]);
    expect(await found("concurrent-second")).toEqual([id]);
  });

  it("a 3,000-run INSERT statement indexes every run, and a search of them reads the GIN trigram index", async () => {
    const source = await createRun({ name: "trigram-source-run" });
    // Every column copied from one run but the ones that must differ per run (and the rowid, numbered by its identity).
    const columns = (
      await prisma.$queryRaw<{ name: string }[]>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Run'`
    )
      .map((row) => row.name)
      .filter((name) => !["id", "name", "externalId", "rowid"].includes(name))
      .map((name) => `"${name}"`)
      .join(", ");
    const inserted = await prisma.$executeRawUnsafe(
      `INSERT INTO "Run" ("id", "name", ${columns}) SELECT 'trigram-bulk-' || i, 'trigram bulk run ' || i, ${columns} FROM "Run" CROSS JOIN generate_series(1, 3000) AS i WHERE "id" = $1`,
      source,
    );
    expect(inserted).toBe(3000);
    const count = async (q: string) => (await prisma.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT COUNT(*)::int AS n FROM (${runSearchRowidsSql(q)}) AS m`))[0]!.n;
    expect(await count("TRIGRAM BULK RUN ")).toBe(3000);
    expect(await count("trigram bulk run 2999")).toBe(1);
    expect(await found("trigram bulk run 2999")).toEqual(["trigram-bulk-2999"]);
    // VACUUM moves the index's pending entries (GIN's fast-update list, which the planner costs as a scan) into the
    // index and refreshes its statistics, as autovacuum does after such an insert.
    await prisma.$executeRawUnsafe(`VACUUM ANALYZE "RunSearch"`);
    const plan = (await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${runSearchRowidsSql("run 2999")}`)).map((row) => row["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/Bitmap Index Scan on "?RunSearch_folded_trgm_idx"?/);
  }, 60_000);
});
