import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { compareWhereSql } from "@/lib/server/compare/sql";
import { prisma } from "@/lib/server/db/client";
import { type ColumnRef, parseColumnId } from "@/lib/runs/columns";
import { CLAIM_SOURCE_KINDS, type EvidenceKind, MEASURED_SOURCE_KINDS, type Run, type RunDetail, type RunListItem, type RunListQuery, type RunPage } from "@/lib/schemas/run";
import { loadColumnValues } from "./column-values";
import { runDetailInclude, runInclude, serializeRun, serializeRunDetail } from "./serialize";

export type RunVisibility = { /** Soft-deleted runs instead of live ones (admins only; the route checks). */ deleted?: boolean };

/** One kind of evidence; an estimate is only that, whatever its source (compareWhereSql mirrors this). */
function evidenceWhere(kind: EvidenceKind): Prisma.RunWhereInput {
  if (kind === "estimate") return { isEstimate: true };
  if (kind === "logged") return { sourceId: null, isEstimate: false };
  const kinds: readonly string[] = kind === "claim" ? CLAIM_SOURCE_KINDS : MEASURED_SOURCE_KINDS;
  return { source: { kind: { in: [...kinds] } }, isEstimate: false };
}

/**
 * The WHERE clause for a list query; exported so that export and future chart endpoints filter alike.
 * Soft-deleted runs are left out unless `deleted` asks for them alone.
 */
export function runWhere(query: Omit<RunListQuery, "sort" | "order" | "limit" | "cursor" | "columns">, visibility: RunVisibility = {}): Prisma.RunWhereInput {
  const and: Prisma.RunWhereInput[] = [{ deletedAt: visibility.deleted ? { not: null } : null }];
  if (query.method?.length) and.push({ method: { in: query.method } });
  if (query.status?.length) and.push({ status: { in: query.status } });
  if (query.reviewStatus?.length) and.push({ reviewStatus: { in: query.reviewStatus } });
  if (query.baseline !== undefined) and.push({ isBaseline: query.baseline });
  if (query.model) {
    and.push({ OR: [{ modelId: query.model }, { model: { hfId: query.model } }, { modelName: { contains: query.model } }] });
  }
  if (query.hardware) and.push({ hardwareId: query.hardware });
  if (query.source === "logged") and.push({ sourceId: null });
  else if (query.source) and.push({ sourceId: query.source });
  if (query.evidence?.length) and.push({ OR: query.evidence.map(evidenceWhere) });
  if (query.experiment) and.push({ experimentId: query.experiment });
  if (query.tag) and.push({ tags: { some: { tag: query.tag } } });
  if (query.rankMin !== undefined) and.push({ rank: { gte: query.rankMin } });
  if (query.rankMax !== undefined) and.push({ rank: { lte: query.rankMax } });
  if (query.ids?.length) and.push({ id: { in: query.ids } });
  if (query.q) {
    // SQLite LIKE is case-insensitive for ASCII, which is what `contains` compiles to here.
    const q = query.q;
    and.push({
      OR: [
        { name: { contains: q } },
        { modelName: { contains: q } },
        { notes: { contains: q } },
        { datasetName: { contains: q } },
        { hardwareLabel: { contains: q } },
        { hardware: { name: { contains: q } } },
        { tags: { some: { tag: { contains: q } } } },
        // Raw MLflow params and key-value tags, by value: an EXISTS per run over its own rows (the primary key
        // starts with runId). Keys are left out: "lora_r" would match every run that logged a rank.
        { params: { some: { value: { contains: q } } } },
        { keyTags: { some: { value: { contains: q } } } },
      ],
    });
  }
  return { AND: and };
}

/** Refuses what the query schema cannot see alone (a rank range upside down); the list and the export share it. */
export function assertRunFilters(query: Pick<RunListQuery, "rankMin" | "rankMax">): void {
  if (query.rankMin !== undefined && query.rankMax !== undefined && query.rankMin > query.rankMax) {
    throw new ApiError("bad_request", "Invalid query: rankMin must not be greater than rankMax", [{ path: "rankMin", message: "must not be greater than rankMax" }]);
  }
}

/**
 * One page of runs. The cursor is the id of the last run of the previous page; Prisma resumes after that row
 * in the same ordering, with id as the tiebreaker so equal sort values page deterministically.
 */
export async function listRuns(query: RunListQuery, visibility: RunVisibility = {}): Promise<RunPage> {
  assertRunFilters(query);
  const where = runWhere(query, visibility);
  if (query.cursor) {
    const exists = await prisma.run.count({ where: { id: query.cursor } });
    if (!exists) throw new ApiError("bad_request", "Invalid query: cursor does not point at a run (it may have been deleted); start from the first page", [{ path: "cursor", message: "unknown cursor" }]);
  }
  if (query.sort === "peakMemoryGb" && !visibility.deleted) return listRunsByMemory(query, where);
  const orderBy: Prisma.RunOrderByWithRelationInput[] = [
    { [query.sort]: query.sort === "createdAt" || query.sort === "updatedAt" || query.sort === "name" || query.sort === "method" || query.sort === "modelName" ? query.order : { sort: query.order, nulls: "last" } },
    { id: query.order },
  ];
  const [rows, total] = await Promise.all([
    prisma.run.findMany({
      where,
      orderBy,
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
      include: runInclude,
    }),
    prisma.run.count({ where }),
  ]);
  const hasMore = rows.length > query.limit;
  const items = await withColumnValues(rows.slice(0, query.limit).map(serializeRun), query.columns);
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null, total };
}

/** The page's runs with `values` for the raw and metric columns the query names (none: the runs as they are). */
async function withColumnValues(runs: Run[], columns: readonly string[] | undefined): Promise<RunListItem[]> {
  const refs = (columns ?? []).map(parseColumnId).filter((ref) => ref !== null && ref.kind !== "field") as Exclude<ColumnRef, { kind: "field" }>[];
  if (refs.length === 0 || runs.length === 0) return runs;
  const values = await loadColumnValues(runs.map((run) => run.id), refs);
  return runs.map((run) => ({ ...run, values: values.get(run.id) ?? {} }));
}

// A run's place on the memory axis: its measured point, else the lower end of its range or bound, else an upper
// bound alone ("fits in 8 GB"), so ranges and bounds sort among the points instead of after them as nulls. The
// same reading as the quality-memory chart's axis.
const MEMORY_SORT_KEY = Prisma.sql`COALESCE(r.peakMemoryGb, r.peakMemoryGbMin, r.peakMemoryGbMax)`;

/**
 * A page sorted by memory (MEMORY_SORT_KEY, nulls last, id as the tiebreaker): Prisma cannot order by an
 * expression, so the page's ids come from SQL with compareWhereSql (which selects what runWhere selects, as
 * tests/api/compare.test.ts checks) and a keyset after the cursor run, and the runs are then loaded by id.
 */
async function listRunsByMemory(query: RunListQuery, where: Prisma.RunWhereInput): Promise<RunPage> {
  const isAsc = query.order === "asc";
  const conditions = [compareWhereSql(query)];
  if (query.cursor) {
    const [cursor] = await prisma.$queryRaw<{ id: string; k: number | null }[]>`SELECT r.id, ${MEMORY_SORT_KEY} AS k FROM "Run" r WHERE r.id = ${query.cursor}`;
    const after = isAsc ? Prisma.sql`r.id > ${cursor!.id}` : Prisma.sql`r.id < ${cursor!.id}`;
    if (cursor!.k === null) conditions.push(Prisma.sql`(${MEMORY_SORT_KEY} IS NULL AND ${after})`);
    else {
      const beyond = isAsc ? Prisma.sql`${MEMORY_SORT_KEY} > ${cursor!.k}` : Prisma.sql`${MEMORY_SORT_KEY} < ${cursor!.k}`;
      conditions.push(Prisma.sql`(${MEMORY_SORT_KEY} IS NULL OR ${beyond} OR (${MEMORY_SORT_KEY} = ${cursor!.k} AND ${after}))`);
    }
  }
  const direction = isAsc ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [picked, total] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`SELECT r.id FROM "Run" r WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY ${MEMORY_SORT_KEY} IS NULL, ${MEMORY_SORT_KEY} ${direction}, r.id ${direction} LIMIT ${query.limit + 1}`,
    prisma.run.count({ where }),
  ]);
  const ids = picked.slice(0, query.limit).map((row) => row.id);
  const rows = new Map((await prisma.run.findMany({ where: { id: { in: ids } }, include: runInclude })).map((row) => [row.id, row]));
  const items = await withColumnValues(ids.map((id) => serializeRun(rows.get(id)!)), query.columns);
  return { items, nextCursor: picked.length > query.limit ? (items.at(-1)?.id ?? null) : null, total };
}

/** One run; a soft-deleted run is a 404 unless `includeDeleted` (admins). */
export async function getRunOrThrow(id: string, options: { includeDeleted?: boolean } = {}): Promise<RunDetail> {
  const row = await prisma.run.findUnique({ where: { id }, include: runDetailInclude });
  if (!row || (row.deletedAt && !options.includeDeleted)) throw notFound("Run", id);
  const keys = await prisma.metricPoint.findMany({ where: { runId: id }, distinct: ["key"], select: { key: true }, orderBy: { key: "asc" } });
  return { ...serializeRunDetail(row, keys.map((k) => k.key)), quotedRows: await loadQuotedRows(row.cells.map((link) => link.cell)) };
}

/** Most table rows one run page quotes whole; a run is read from one row, rarely a few. */
const MAX_QUOTED_ROWS = 10;

/** The whole rows (with their table's header) that a run's cells sit in, so the page can quote each row as printed. */
async function loadQuotedRows(cells: { tableId: string; row: number; col: number; table: { title: string } }[]): Promise<NonNullable<RunDetail["quotedRows"]>> {
  const rows = new Map<string, { tableId: string; tableTitle: string; row: number; linkedCols: number[] }>();
  for (const cell of cells) {
    if (cell.row === 0) continue;
    const key = `${cell.tableId}|${cell.row}`;
    const entry = rows.get(key) ?? { tableId: cell.tableId, tableTitle: cell.table.title, row: cell.row, linkedCols: [] };
    entry.linkedCols.push(cell.col);
    rows.set(key, entry);
  }
  const picked = [...rows.values()].slice(0, MAX_QUOTED_ROWS);
  if (picked.length === 0) return [];
  const texts = await prisma.sourceCell.findMany({
    where: { OR: picked.flatMap(({ tableId, row }) => [{ tableId, row }, { tableId, row: 0 }]) },
    select: { tableId: true, row: true, col: true, text: true },
    orderBy: [{ tableId: "asc" }, { row: "asc" }, { col: "asc" }],
  });
  const textsOf = (tableId: string, row: number) => texts.filter((t) => t.tableId === tableId && t.row === row).map((t) => t.text);
  return picked.map((entry) => ({ ...entry, header: textsOf(entry.tableId, 0), cells: textsOf(entry.tableId, entry.row), linkedCols: [...new Set(entry.linkedCols)].sort((a, b) => a - b) }));
}
