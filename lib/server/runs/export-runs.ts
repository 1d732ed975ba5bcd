import "server-only";
import { Prisma, type Run } from "@/lib/generated/prisma/client";
import type { RunExportFilters, RunExportFormat } from "@/lib/schemas/common";
import { csvRecord } from "@/lib/csv";
import { type ColumnRef, extraColumnRefs, fieldColumnValue, parseColumnId } from "@/lib/runs/columns";
import { type ColumnValue, type RunDetail, runSchema } from "@/lib/schemas/run";
import { yieldToEventLoop } from "@/lib/server/db/bulk-write";
import { isPostgres, prisma } from "@/lib/server/db/client";
import { orderBytewise } from "@/lib/server/db/dialect";
import { loadColumnValues } from "./column-values";
import { assertRunFilters, plannedSelectionSql, runWhere } from "./read-runs";
import { type RunDetailRow, runDetailInclude, serializeRunDetail } from "./serialize";

/**
 * Runs per page. Prisma loads each page's tags, cells and metric keys with `runId IN (<page ids>)`, and SQLite as
 * Prisma drives it takes at most 999 bind values per statement (P2029 above), so a page stays well below that
 * with room for the filters' own values.
 */
export const EXPORT_PAGE_SIZE = 500;

/** The next page of runs after the run `after` (null: the first page), in (createdAt, id) order. */
type PageReader = (after: Run | null, pageSize: number) => Promise<Run[]>;

/**
 * Pages through Prisma's where: runs strictly after the last one in (createdAt, id) order, the first conjunct letting
 * SQLite seek the (createdAt, id) index. For every filter but `q` (measured: a 100,000-run export in about half the
 * time the raw reader below takes, most of the difference in what Prisma's rows cost later to serialise).
 */
const prismaPages = (where: Prisma.RunWhereInput): PageReader => (after, pageSize) =>
  prisma.run.findMany({
    where: after ? { AND: [where, { createdAt: { gte: after.createdAt }, OR: [{ createdAt: { gt: after.createdAt } }, { id: { gt: after.id } }] }] } : where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: pageSize,
  });

/**
 * The model's columns: r.* on SQLite; on PostgreSQL the Prisma fields by name, since "Run" there also has the
 * "rowid" column that stands for SQLite's hidden one (issue 12), which a run must not carry into the export.
 */
const RUN_COLUMNS = isPostgres ? Prisma.raw(Object.values(Prisma.RunScalarFieldEnum).map((field) => `r."${field}"`).join(", ")) : Prisma.sql`r.*`;

/**
 * Pages through a SQL selection, for a free-text search: Prisma's where can only reach the full-text index through
 * a correlated subquery per run (runWhere), this reads it once per page. The position is compared inside SQL
 * against the last run's own stored values, so SQLite seeks the (createdAt, id) index and no DateTime goes through
 * JavaScript. Raw rows are typed as findMany's (Prisma types raw columns by their declared type).
 */
const sqlPages = (selection: Prisma.Sql): PageReader => (after, pageSize) => {
  // Ids compare bytewise, as SQLite's do (PostgreSQL's database collation may follow a locale).
  const id = orderBytewise(Prisma.sql`r."id"`);
  const position = after
    ? Prisma.sql` AND r."createdAt" >= (SELECT c."createdAt" FROM "Run" c WHERE c."id" = ${after.id}) AND (r."createdAt", ${id}) > (SELECT c."createdAt", c."id" FROM "Run" c WHERE c."id" = ${after.id})`
    : Prisma.empty;
  return prisma.$queryRaw<Run[]>`SELECT ${RUN_COLUMNS} FROM "Run" r WHERE ${selection}${position} ORDER BY r."createdAt", ${id} LIMIT ${pageSize}`;
};

/** Metric keys of the given runs, read from the (runId, key, …) index without loading a point. */
async function metricKeysByRun(runIds: string[]): Promise<Map<string, string[]>> {
  const groups = await prisma.metricPoint.groupBy({ by: ["runId", "key"], where: { runId: { in: runIds } }, orderBy: [{ runId: "asc" }, { key: "asc" }] });
  const byRun = groupByRun(groups, (group) => group.key);
  // Keys in bytewise order, as SQLite's index holds them; PostgreSQL sorted them by the database's collation.
  if (isPostgres) for (const keys of byRun.values()) keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return byRun;
}

function groupByRun<T extends { runId: string }, V>(rows: T[], value: (row: T) => V): Map<string, V[]> {
  const byRun = new Map<string, V[]>();
  for (const row of rows) {
    const list = byRun.get(row.runId);
    if (list) list.push(value(row));
    else byRun.set(row.runId, [value(row)]);
  }
  return byRun;
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));

/**
 * The relations runDetailInclude names, for one page of runs: each read once per page with `runId IN (<page>)`
 * (models, GPUs, sources and experiments are small catalogs, read once per export). Prisma's own include does the same but
 * spends about four times the CPU per run on it, which at 100,000 runs is the difference between seconds and
 * a minute; the rows it builds are the ones serializeRunDetail takes, so runs serialise exactly as elsewhere.
 */
function createRelationLoader() {
  let catalogs: Promise<[Map<string, RunDetailRow["model"] & {}>, Map<string, RunDetailRow["hardware"] & {}>, Map<string, RunDetailRow["source"] & {}>, Map<string, { id: string; name: string }>]> | null = null;
  const loadCatalogs = () =>
    (catalogs ??= Promise.all([
      prisma.model.findMany({ select: runDetailInclude.model.select }).then(byId),
      prisma.hardware.findMany({ select: runDetailInclude.hardware.select }).then(byId),
      prisma.source.findMany({ select: runDetailInclude.source.select }).then(byId),
      prisma.experiment.findMany({ select: { id: true, name: true } }).then(byId),
    ]));
  return async function withRelations(runs: Run[]): Promise<{ row: RunDetailRow; metricKeys: string[] }[]> {
    const ids = runs.map((run) => run.id);
    const creatorIds = [...new Set(runs.flatMap((run) => (run.createdById ? [run.createdById] : [])))];
    const [[models, hardware, sources, experiments], tags, cells, creators, keys, params, keyTags] = await Promise.all([
      loadCatalogs(),
      prisma.runTag.findMany({ where: { runId: { in: ids } }, select: { runId: true, tag: true }, orderBy: [{ runId: "asc" }, { tag: "asc" }] }),
      prisma.runCell.findMany({ where: { runId: { in: ids } }, include: runDetailInclude.cells.include, orderBy: [{ runId: "asc" }, ...runDetailInclude.cells.orderBy] }),
      creatorIds.length ? prisma.user.findMany({ where: { id: { in: creatorIds } }, select: runDetailInclude.createdBy.select }).then(byId) : new Map<string, never>(),
      metricKeysByRun(ids),
      prisma.runParam.findMany({ where: { runId: { in: ids } }, orderBy: [{ runId: "asc" }, { key: "asc" }] }),
      prisma.runKeyTag.findMany({ where: { runId: { in: ids } }, orderBy: [{ runId: "asc" }, { key: "asc" }] }),
    ]);
    const tagsByRun = groupByRun(tags, ({ tag }) => ({ tag }));
    const cellsByRun = groupByRun(cells, (cell) => cell);
    const paramsByRun = groupByRun(params, ({ key, value }) => ({ key, value }));
    const keyTagsByRun = groupByRun(keyTags, ({ key, value }) => ({ key, value }));
    return runs.map((run) => ({
      row: {
        ...run,
        tags: tagsByRun.get(run.id) ?? [],
        model: (run.modelId && models.get(run.modelId)) || null,
        hardware: (run.hardwareId && hardware.get(run.hardwareId)) || null,
        source: (run.sourceId && sources.get(run.sourceId)) || null,
        experiment: { name: experiments.get(run.experimentId)?.name ?? run.experimentId },
        createdBy: (run.createdById && creators.get(run.createdById)) || null,
        cells: cellsByRun.get(run.id) ?? [],
        params: paramsByRun.get(run.id) ?? [],
        keyTags: keyTagsByRun.get(run.id) ?? [],
      },
      metricKeys: keys.get(run.id) ?? [],
    }));
  };
}

/**
 * The runs the runs table would list for `filters`, oldest first, one page at a time: keyset pagination on
 * (createdAt, id), so each page costs the same however deep the export is, and a run created meanwhile cannot
 * shift a page. Yields to the event loop between pages, so other requests are served during a long export.
 */
export async function* exportRunPages(filters: RunExportFilters, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<RunDetail[]> {
  assertRunFilters(filters);
  const readPage = filters.q ? sqlPages(await plannedSelectionSql(filters)) : prismaPages(runWhere(filters));
  const withRelations = createRelationLoader();
  let last: Run | null = null;
  for (;;) {
    const runs = await readPage(last, pageSize);
    if (runs.length === 0) return;
    yield (await withRelations(runs)).map(({ row, metricKeys }) => serializeRunDetail(row, metricKeys));
    if (runs.length < pageSize) return;
    last = runs[runs.length - 1]!;
    await yieldToEventLoop();
  }
}

// ------------------------------------------------------------------------------------------ CSV

// Raw MLflow params and key-value tags are one JSON object per cell, not a column per key: keys are unbounded (HF
// logs ~200, each framework its own), a column per key would need a pass over every run before the header could
// be written, and a JSON cell keeps values verbatim (commas, quotes, "=" included) for any JSON parser to read back.
// sourceKind tells an article's claim (article, paper) from a published measurement (measurement); sourceLocation
// is where the original is: its address, else repository/path@commit.
export const CSV_COLUMNS = [...Object.keys(runSchema.shape).filter((key) => key !== "source"), "sourceId", "sourceTitle", "sourceKind", "sourceLocation", "sourceCells", "params", "keyTags"];

/** Columns whose CSV value is not the run's own field of that name. */
const CSV_DERIVED: Record<string, (run: RunDetail) => unknown> = {
  createdBy: (run) => run.createdBy?.name,
  sourceId: (run) => run.source?.id,
  sourceTitle: (run) => run.source?.title,
  sourceKind: (run) => run.source?.kind,
  sourceLocation: (run) =>
    run.source?.url ?? (run.source?.repository ? `${run.source.repository}/${run.source.path ?? ""}${run.source.commit ? `@${run.source.commit}` : ""}` : undefined),
  sourceCells: (run) => run.cells.map((cell) => `${cell.field}=${cell.text} [${cell.tableTitle}: ${cell.rowLabel} / ${cell.columnLabel}]`),
  params: (run) => JSON.stringify(run.params),
  keyTags: (run) => JSON.stringify(run.keyTags),
};

function csvLine(run: RunDetail): string {
  // Looked up column by column rather than spread into a new record: spreading a 60-key run per line is slow in V8.
  return csvRecord(CSV_COLUMNS.map((column) => (column in CSV_DERIVED ? CSV_DERIVED[column]!(run) : run[column as keyof RunDetail])));
}

/**
 * With `columns` (the runs table's): the run id, then exactly those columns in that order, headed by their ids (ids
 * are stable for scripts; labels change with the app's wording). A typed column's cell is fieldColumnValue's, a param
 * or tag its verbatim text, a metric its number; text goes through csvField's injection guard like every other cell.
 */
function chosenColumnsLine(run: RunDetail, refs: readonly ColumnRef[], values: Record<string, ColumnValue> | undefined): string {
  return csvRecord([run.id, ...refs.map((ref) => (ref.kind === "field" ? fieldColumnValue(run, ref.field) : (values?.[ref.id]?.value ?? null)))]);
}

// ------------------------------------------------------------------------------------------ stream

/**
 * The export as a byte stream, one page per chunk. CSV: a header line, then a line per run (CRLF). JSON:
 * `{"items":[…]}`, the same document the API always returned, written run by run so it is never held whole.
 * Pull-based: the next page is read only when the consumer has taken the last one, so memory stays at about a
 * page however many runs there are. Filters are checked before the stream starts (a 400, not a broken stream).
 */
export function exportRunsStream(
  filters: RunExportFilters,
  format: RunExportFormat,
  { pageSize = EXPORT_PAGE_SIZE, columns }: { pageSize?: number; columns?: readonly string[] } = {},
): ReadableStream<Uint8Array> {
  assertRunFilters(filters);
  const pages = exportRunPages(filters, pageSize);
  const refs = (columns ?? []).map(parseColumnId).filter((ref) => ref !== null);
  const extraRefs = extraColumnRefs(columns ?? []);
  const header = columns?.length ? csvRecord(["id", ...refs.map((ref) => ref.id)]) : CSV_COLUMNS.join(",");
  const encoder = new TextEncoder();
  let written = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === "csv" ? `${header}\r\n` : '{"items":['));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        if (format === "json") controller.enqueue(encoder.encode("]}"));
        controller.close();
        return;
      }
      // The page's param, tag and metric values in a few queries (loadColumnValues), only when columns name any.
      const values = extraRefs.length ? await loadColumnValues(next.value.map((run) => run.id), extraRefs) : null;
      const chunk =
        format === "csv"
          ? next.value.map((run) => `${refs.length ? chosenColumnsLine(run, refs, values?.get(run.id)) : csvLine(run)}\r\n`).join("")
          : next.value.map((run, i) => (written + i === 0 ? "" : ",") + JSON.stringify(values ? { ...run, values: values.get(run.id) } : run)).join("");
      written += next.value.length;
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
