import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { compareWhereSql } from "@/lib/server/compare/sql";
import { isPostgres, prisma } from "@/lib/server/db/client";
import { drainSearchQueue } from "@/lib/server/db/bulk-write";
import { orderBytewise } from "@/lib/server/db/dialect";
import { readRows } from "@/lib/server/db/raw-read";
import { extraColumnRefs } from "@/lib/runs/columns";
import { compareFiltersSchema } from "@/lib/schemas/compare";
import { CLAIM_SOURCE_KINDS, type EvidenceKind, MEASURED_SOURCE_KINDS, type RunDetail, type RunListItem, type RunListQuery, type RunPage } from "@/lib/schemas/run";
import { loadColumnValues } from "./column-values";
import { runPageJsonBytes, runPageJsonBytesOf } from "./list-response";
import { loadRunJsonInOrder, loadRunsInOrder } from "./list-rows";
import { metricKeysOf } from "./run-keys";
import { runSearchRowidsSql, runSearchWhere } from "./search";
import { runDetailInclude, serializeRunDetail } from "./serialize";

export type RunVisibility = { /** Soft-deleted runs instead of live ones (admins only; the route checks). */ deleted?: boolean };

/** One kind of evidence; an estimate is only that, whatever its source (compareWhereSql mirrors this). */
function evidenceWhere(kind: EvidenceKind): Prisma.RunWhereInput {
  if (kind === "estimate") return { isEstimate: true };
  if (kind === "logged") return { sourceId: null, isEstimate: false };
  const kinds: readonly string[] = kind === "claim" ? CLAIM_SOURCE_KINDS : MEASURED_SOURCE_KINDS;
  return { source: { kind: { in: [...kinds] } }, isEstimate: false };
}

/**
 * The WHERE clause for a list query as Prisma spells it; runSelectionSql / compareWhereSql select the same runs in
 * SQL (tests/api/compare.test.ts and runs-search.test.ts check it). Soft-deleted runs are left out unless `deleted`
 * asks for them alone. Mind `q`: Prisma writes the search as a correlated EXISTS into the full-text index, run once
 * per candidate run, which is fine over a few hundred runs and slow over 100,000; the runs list and the export
 * therefore select with runSelectionSql, which reads the index once.
 */
export function runWhere(query: Omit<RunListQuery, "sort" | "order" | "limit" | "cursor" | "columns">, visibility: RunVisibility = {}): Prisma.RunWhereInput {
  const and: Prisma.RunWhereInput[] = [{ deletedAt: visibility.deleted ? { not: null } : null }];
  if (query.method?.length) and.push({ method: { in: query.method } });
  if (query.status?.length) and.push({ status: { in: query.status } });
  if (query.reviewStatus?.length) and.push({ reviewStatus: { in: query.reviewStatus } });
  if (query.baseline !== undefined) and.push({ isBaseline: query.baseline });
  if (query.model) {
    // SQLite's LIKE ignores ASCII case; on PostgreSQL Prisma's insensitive mode (ILIKE) selects the same runs (compareWhereSql).
    and.push({ OR: [{ modelId: query.model }, { model: { hfId: query.model } }, { modelName: { contains: query.model, ...(isPostgres ? ({ mode: "insensitive" } as object) : {}) } }] });
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
  // Through the full-text index (lib/server/runs/search.ts), as compareWhereSql does.
  if (query.q) and.push(runSearchWhere(query.q));
  return { AND: and };
}

/** Refuses what the query schema cannot see alone (a rank range upside down); the list and the export share it. */
export function assertRunFilters(query: Pick<RunListQuery, "rankMin" | "rankMax">): void {
  if (query.rankMin !== undefined && query.rankMax !== undefined && query.rankMin > query.rankMax) {
    throw new ApiError("bad_request", "Invalid query: rankMin must not be greater than rankMax", [{ path: "rankMin", message: "must not be greater than rankMax" }]);
  }
}

/** Sort fields no run leaves empty: ordered as they are; every other field puts the runs without it last. */
const NON_NULL_SORTS = new Set<RunListQuery["sort"]>(["createdAt", "updatedAt", "name", "method", "modelName"]);

// peakMemoryGb sorts by a run's place on the memory axis: its measured point, else the lower end of its range or
// bound, else an upper bound alone ("fits in 8 GB"), so ranges and bounds sort among the points instead of after
// them as nulls. The same reading as the quality-memory chart's axis.
/** The value a page is ordered by, of the run `alias`; `sort` is one of RUN_SORT_FIELDS (the query schema checks it). */
const sortKey = (sort: RunListQuery["sort"], alias: "r" | "c" = "r"): Prisma.Sql => {
  if (sort === "peakMemoryGb") return Prisma.raw(`COALESCE(${alias}."peakMemoryGb", ${alias}."peakMemoryGbMin", ${alias}."peakMemoryGbMax")`);
  const column = Prisma.raw(`${alias}."${sort}"`);
  // Text sorts in bytewise order on both engines (PostgreSQL's collation may follow a locale).
  return TEXT_SORTS.has(sort) ? orderBytewise(column) : column;
};
const TEXT_SORTS = new Set<RunListQuery["sort"]>(["name", "method", "modelName"]);
/** The tiebreaker (and the cursor's last resort): the run id, bytewise on both engines. */
const runIdKey = orderBytewise(Prisma.sql`r.id`);

/** The runs a list query selects, as a condition on `"Run" r`: compareWhereSql, which runWhere mirrors. */
export function runSelectionSql(query: Omit<RunListQuery, "sort" | "order" | "limit" | "cursor" | "columns">, visibility: RunVisibility = {}): Prisma.Sql {
  return compareWhereSql({ ...query, deleted: visibility.deleted });
}

/** Which runs a page shows: their ids in order, whether more follow, and how many the query selects in all. */
type PagePick = { ids: string[]; hasMore: boolean; total: number };

/**
 * One page of runs, ordered by `sort` (nulls last) with id as the tiebreaker, so equal sort values page
 * deterministically. The cursor is the id of the last run of the previous page; the page resumes after it by keyset
 * (its sort value and id), so a deep page costs what the first does. The page's ids come from one SQL statement over
 * runSelectionSql (free-text search reads the full-text index there; Prisma's where cannot hold it), and the runs
 * are then loaded by id in one more (lib/server/runs/list-rows.ts). The count is exact (see countRuns).
 */
export async function listRuns(query: RunListQuery, visibility: RunVisibility = {}): Promise<RunPage> {
  const { ids, hasMore, total } = await pickPage(query, visibility);
  const runs = await loadRunsInOrder(ids);
  const values = await pageColumnValues(runs, query.columns);
  const items: RunListItem[] = values ? runs.map((run) => ({ ...run, values: values.get(run.id) ?? {} })) : runs;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null, total };
}

/**
 * listRuns' page as the JSON bytes GET /api/runs answers, the same bytes as runPageJsonBytes(await listRuns(...)):
 * on SQLite each run's JSON is written straight from its row (loadRunJsonInOrder), which is most of what a small
 * page costs otherwise (issue 13: the answer for 219 runs was 2.5x its raw SQL).
 */
export async function listRunsJson(query: RunListQuery, visibility: RunVisibility = {}): Promise<Uint8Array<ArrayBuffer>> {
  if (isPostgres) return runPageJsonBytes(await listRuns(query, visibility));
  const { ids, hasMore, total } = await pickPage(query, visibility);
  const runs = await loadRunJsonInOrder(ids);
  const values = await pageColumnValues(runs, query.columns);
  // `values` is the last key of a listed run ({ ...run, values } in listRuns).
  const items = values ? runs.map(({ id, json }) => `${json.slice(0, -1)},"values":${JSON.stringify(values.get(id) ?? {})}}`) : runs.map((run) => run.json);
  return runPageJsonBytesOf({ items, nextCursor: hasMore ? (runs.at(-1)?.id ?? null) : null, total });
}

/** The raw and metric column values the query names for a page's runs by id; null when it names none. */
async function pageColumnValues(runs: readonly { id: string }[], columns: readonly string[] | undefined) {
  const refs = extraColumnRefs(columns ?? []);
  return refs.length && runs.length ? loadColumnValues(runs.map((run) => run.id), refs) : null;
}

async function pickPage(query: RunListQuery, visibility: RunVisibility): Promise<PagePick> {
  assertRunFilters(query);
  const isAsc = query.order === "asc";
  const direction = isAsc ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const key = sortKey(query.sort);
  const nullable = !NON_NULL_SORTS.has(query.sort);
  const search = query.q ? await searchPlan(query.q) : null;
  const total = await countRuns(query, visibility, search);
  const conditions = [runSelectionSql({ ...query, q: undefined }, visibility), ...(search ? [search.condition] : [])];
  if (query.cursor) {
    // The cursor run's own values are compared inside SQL (a constant subquery), never read into JavaScript and
    // bound back: a DateTime would come back as a Date and be bound in another text form than the one stored.
    const [cursor] = await readRows<{ kIsNull: bigint | number | boolean }>(Prisma.sql`SELECT ${key} IS NULL AS "kIsNull" FROM "Run" r WHERE r.id = ${query.cursor}`);
    if (!cursor) throw new ApiError("bad_request", "Invalid query: cursor does not point at a run (it may have been deleted); start from the first page", [{ path: "cursor", message: "unknown cursor" }]);
    const k = Prisma.sql`(SELECT ${sortKey(query.sort, "c")} FROM "Run" c WHERE c.id = ${query.cursor})`;
    const after = isAsc ? Prisma.sql`${runIdKey} > ${query.cursor}` : Prisma.sql`${runIdKey} < ${query.cursor}`;
    if (Number(cursor.kIsNull)) conditions.push(Prisma.sql`(${key} IS NULL AND ${after})`);
    else {
      const beyond = isAsc ? Prisma.sql`${key} > ${k}` : Prisma.sql`${key} < ${k}`;
      conditions.push(Prisma.sql`(${nullable ? Prisma.sql`${key} IS NULL OR ` : Prisma.empty}${beyond} OR (${key} = ${k} AND ${after}))`);
    }
  }
  const picked = search?.matches === 0 ? [] : await readRows<{ id: string }>(Prisma.sql`SELECT r.id FROM "Run" r WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${key} ${direction}${nullable ? Prisma.sql` NULLS LAST` : Prisma.empty}, ${runIdKey} ${direction} LIMIT ${query.limit + 1}`);
  return { ids: picked.slice(0, query.limit).map((row) => row.id), hasMore: picked.length > query.limit, total };
}

/** Above this many documents matching a search, a page walks the sort order and checks each run against the matches. */
const DENSE_SEARCH_MATCHES = 2_000;

type SearchPlan = { /** Documents matching, live and soft-deleted runs alike (one document per run). */ matches: number; condition: Prisma.Sql };

/**
 * How a page reads a search: the matching rowids are one set either way (runSearchRowidsSql), but when many runs
 * match, looking each up and sorting them all (63,000 for "llama" at 100,000 runs: ~50 ms) costs far more than
 * walking the sort order's index and stopping at the page's end, checking each run against the set (the unary +
 * keeps SQLite from driving the query from the set). Few matches: the set drives, and sorting them is cheap.
 */
async function searchPlan(q: string): Promise<SearchPlan> {
  // Runs a bulk write committed are searchable once their queued documents are written (lib/server/db/bulk-write.ts).
  await drainSearchQueue();
  const rowids = runSearchRowidsSql(q);
  const [row] = await readRows<{ n: bigint | number }>(Prisma.sql`SELECT COUNT(*) AS n FROM (${rowids}) AS matched`);
  const matches = Number(row?.n ?? 0);
  return { matches, condition: matches > DENSE_SEARCH_MATCHES ? Prisma.sql`+r.rowid IN (${rowids})` : Prisma.sql`r.rowid IN (${rowids})` };
}

/**
 * runSelectionSql with its search read as searchPlan decides (for a statement that walks the runs in an order and
 * stops early, as a page or the export's keyset pages do).
 */
export async function plannedSelectionSql(query: Omit<RunListQuery, "sort" | "order" | "limit" | "cursor" | "columns">, visibility: RunVisibility = {}): Promise<Prisma.Sql> {
  const base = runSelectionSql({ ...query, q: undefined }, visibility);
  return query.q ? Prisma.sql`${base} AND ${(await searchPlan(query.q)).condition}` : base;
}

/** Every filter of the list query but the search, read from the filters' own schema so that a new filter counts too. */
const FILTER_KEYS = [...Object.keys(compareFiltersSchema.shape).filter((key) => key !== "q"), "ids"] as (keyof RunListQuery)[];
const filtersBesidesSearch = (query: RunListQuery) =>
  FILTER_KEYS.some((key) => {
    const value = query[key];
    return value !== undefined && !(Array.isArray(value) && value.length === 0);
  });

/**
 * How many runs a list query selects, exactly, and cheaply where it can: live runs alone are the table's count (SQLite
 * counts a B-tree by its pages, without reading its entries) less the soft-deleted ones, and a search alone is the
 * index's count of matching documents less the soft-deleted runs among them when many match (a few hundred: counted
 * from the matches; none: no statement at all). Anything else counts its selection.
 * (A partial index of the deleted runs would make their count free, but Prisma's schema engine cannot describe a
 * database with a partial index: `npm run db:migration` then fails. softDeletedCountSql seeks them in an index instead.)
 */
async function countRuns(query: RunListQuery, visibility: RunVisibility, search: SearchPlan | null): Promise<number> {
  let sql: Prisma.Sql;
  if (search?.matches === 0) return 0;
  const dense = search !== null && search.matches > DENSE_SEARCH_MATCHES;
  if (!visibility.deleted && !filtersBesidesSearch(query) && (search === null || dense)) {
    sql = search
      ? Prisma.sql`SELECT ${search.matches} - (SELECT COUNT(*) FROM "Run" r WHERE r."deletedAt" IS NOT NULL AND +r.rowid IN (${runSearchRowidsSql(query.q!)})) AS n`
      : Prisma.sql`SELECT (SELECT COUNT(*) FROM "Run") - (${softDeletedCountSql}) AS n`;
  } else {
    sql = Prisma.sql`SELECT COUNT(*) AS n FROM "Run" r WHERE ${runSelectionSql({ ...query, q: undefined }, visibility)}${search ? Prisma.sql` AND ${search.condition}` : Prisma.empty}`;
  }
  const [row] = await readRows<{ n: bigint | number }>(sql);
  return Number(row?.n ?? 0);
}

/**
 * How many runs are soft-deleted, read from the index on (experimentId, deletedAt, ...) one experiment at a time:
 * the recursive part walks the distinct experiment ids (one index seek each, a skip-scan SQLite does not do by itself
 * without ANALYZE statistics), and each experiment's deleted runs are a range of that index. A plain
 * `COUNT(*) WHERE deletedAt IS NOT NULL` scans the whole index instead (~3-4 ms at 100,000 runs, most of the cost
 * of a default or cursor page); this takes microseconds while experiments are few.
 */
const softDeletedCountSql = Prisma.sql`WITH RECURSIVE e(id) AS (
    SELECT (SELECT MIN("experimentId") FROM "Run")
    UNION ALL SELECT (SELECT MIN(x."experimentId") FROM "Run" x WHERE x."experimentId" > e.id) FROM e WHERE e.id IS NOT NULL
  ) SELECT COUNT(*) FROM e JOIN "Run" r ON r."experimentId" = e.id WHERE r."deletedAt" IS NOT NULL`;

/** One run; a soft-deleted run is a 404 unless `includeDeleted` (admins). */
export async function getRunOrThrow(id: string, options: { includeDeleted?: boolean } = {}): Promise<RunDetail> {
  const row = await prisma.run.findUnique({ where: { id }, include: runDetailInclude });
  if (!row || (row.deletedAt && !options.includeDeleted)) throw notFound("Run", id);
  return { ...serializeRunDetail(row, await metricKeysOf(id)), quotedRows: await loadQuotedRows(row.cells.map((link) => link.cell)) };
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
