import "server-only";
import type Database from "better-sqlite3";
import { Prisma, type Run as PrismaRun } from "@/lib/generated/prisma/client";
import { isPostgres, sharedSqliteAdapter } from "@/lib/server/db/client";
import { jsonArrayAggText } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { statement } from "@/lib/server/db/statements";
import type { Run } from "@/lib/schemas/run";
import { JOINED_COLUMNS, type RunRow, runJsonWriter, serializeRun } from "./serialize";

const j = JOINED_COLUMNS;

/**
 * A page's runs by id in one statement: each "Run" row with the fields of its model, GPU, source, creator and
 * experiment joined (the ones runInclude selects) and its tags aggregated in bytewise order, under the aliases of
 * JOINED_COLUMNS. One statement instead of three (rows, joins, tags): each costs a fixed share however small its
 * answer, and the joins walked the page's rows a second time.
 */
function pageRowsSql(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`SELECT r.*, m."hfId" AS ${alias(j.modelHfId)}, m.name AS ${alias(j.modelName)}, h.name AS ${alias(j.hardwareName)},
      s.title AS ${alias(j.sourceTitle)}, s.kind AS ${alias(j.sourceKind)}, s.url AS ${alias(j.sourceUrl)}, s.repository AS ${alias(j.sourceRepository)},
      s.path AS ${alias(j.sourcePath)}, s."commit" AS ${alias(j.sourceCommit)}, u.name AS ${alias(j.creatorName)}, e.name AS ${alias(j.experimentName)},
      (SELECT ${jsonArrayAggText(Prisma.sql`t.tag`)} FROM "RunTag" t WHERE t."runId" = r.id) AS ${alias(j.tags)}
    FROM "Run" r LEFT JOIN "Model" m ON m.id = r."modelId" LEFT JOIN "Hardware" h ON h.id = r."hardwareId" LEFT JOIN "Source" s ON s.id = r."sourceId"
      LEFT JOIN "User" u ON u.id = r."createdById" LEFT JOIN "Experiment" e ON e.id = r."experimentId"
    WHERE r.id IN (${Prisma.join(ids)})`;
}

const alias = (name: string) => Prisma.raw(`"${name}"`);

type PageRow = PrismaRun & { [K in (typeof JOINED_COLUMNS)[keyof typeof JOINED_COLUMNS]]: string | null };

/**
 * Runs by id, as serializeRun gives them, in the order of `ids` (a run deleted meanwhile is left out). Raw SELECTs give
 * the same typed rows as findMany (readRows types DATETIME as a Date and BOOLEAN as a boolean; runs-search.test.ts
 * compares a listed run with GET /api/runs/{id}). The runs page's first render and PostgreSQL's runs list read this.
 */
export async function loadRunsInOrder(ids: readonly string[]): Promise<Run[]> {
  if (ids.length === 0) return [];
  const rows = new Map((await readRows<PageRow>(pageRowsSql(ids))).map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [serializeRun(toRunRow(row))] : [];
  });
}

/** The row with the relations serializeRun reads, added in place (spreading a 60-column row cost more than reading it). */
function toRunRow(row: PageRow): RunRow {
  const [modelName, hardwareName, sourceTitle, creatorName] = [row[j.modelName], row[j.hardwareName], row[j.sourceTitle], row[j.creatorName]];
  return Object.assign(row, {
    tags: (JSON.parse(row[j.tags] ?? "[]") as string[]).map((tag) => ({ tag })),
    model: row.modelId && modelName != null ? { id: row.modelId, hfId: row[j.modelHfId], name: modelName } : null,
    hardware: row.hardwareId && hardwareName != null ? { id: row.hardwareId, name: hardwareName } : null,
    source:
      row.sourceId && sourceTitle != null
        ? { id: row.sourceId, title: sourceTitle, kind: row[j.sourceKind]!, url: row[j.sourceUrl], repository: row[j.sourceRepository], path: row[j.sourcePath], commit: row[j.sourceCommit] }
        : null,
    createdBy: row.createdById && creatorName != null ? { id: row.createdById, name: creatorName } : null,
    experiment: { name: row[j.experimentName] ?? row.experimentId },
  });
}

const writers = new WeakMap<Database.Statement, { write: (row: readonly unknown[]) => string; idAt: number }>();

/**
 * The JSON text of each run by id, in the order of `ids`, byte for byte what JSON.stringify(loadRunsInOrder(ids)[i])
 * gives, written from the statement's rows read as arrays (SQLite only): building 50 rows of 70 columns as objects
 * and then the runs from them was half of a small page's answer (runJsonWriter, lib/server/runs/serialize.ts).
 */
export async function loadRunJsonInOrder(ids: readonly string[]): Promise<{ id: string; json: string }[]> {
  if (isPostgres) throw new Error("loadRunJsonInOrder() reads SQLite rows as arrays: use loadRunsInOrder on PostgreSQL");
  if (ids.length === 0) return [];
  const { client } = await sharedSqliteAdapter();
  const query = pageRowsSql(ids);
  const prepared = statement(client, query.sql);
  let writer = writers.get(prepared);
  if (!writer) {
    const columns = prepared.columns();
    writers.set(prepared, (writer = { write: runJsonWriter(columns), idAt: columns.findIndex((column) => column.name === "id") }));
  }
  const { write, idAt } = writer;
  // The cached statement is shared with readRows (loadRunsInOrder runs the same SQL), so its array mode is undone
  // before anything else can run on it.
  let rows: unknown[][];
  prepared.raw(true);
  try {
    rows = prepared.all(...query.values) as unknown[][];
  } finally {
    prepared.raw(false);
  }
  const byId = new Map(rows.map((row) => [row[idAt] as string, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ id, json: write(row) }] : [];
  });
}
