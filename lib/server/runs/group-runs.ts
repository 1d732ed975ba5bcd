import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { type GroupKeyNames, type OutcomeSums, groupKeyValueLabel, isGroupField, statsFromSums } from "@/lib/runs/group-stats";
import { type GroupField, type GroupKeyValue, MAX_GROUP_IDS, MAX_GROUPS, type OutcomeStats } from "@/lib/schemas/groups";
import { GROUP_OUTCOMES, type GroupOutcome, type RunGroupsQuery, type RunGroupsResponse } from "@/lib/schemas/run-table";
import { settleCompareFilters, compareWhereSql, toNumber, toNumberOrNull } from "@/lib/server/compare/sql";
import { isPostgres, prisma } from "@/lib/server/db/client";
import { groupConcat } from "@/lib/server/db/dialect";

// The column each typed group field reads; hardware, experiment and source group by their id and are labelled by name.
const FIELD_COLUMNS: Record<GroupField, Prisma.Sql> = {
  method: Prisma.sql`r."method"`, modelName: Prisma.sql`r."modelName"`, rank: Prisma.sql`r."rank"`, loraAlpha: Prisma.sql`r."loraAlpha"`,
  quantization: Prisma.sql`r."quantization"`, precision: Prisma.sql`r."precision"`, hardware: Prisma.sql`r."hardwareId"`, gpuCount: Prisma.sql`r."gpuCount"`,
  framework: Prisma.sql`r."framework"`, optimizer: Prisma.sql`r."optimizer"`, batchSize: Prisma.sql`r."batchSize"`, gradientAccumulation: Prisma.sql`r."gradientAccumulation"`,
  seqLen: Prisma.sql`r."seqLen"`, learningRate: Prisma.sql`r."learningRate"`, epochs: Prisma.sql`r."epochs"`, datasetName: Prisma.sql`r."datasetName"`,
  attention: Prisma.sql`r."attention"`, sharding: Prisma.sql`r."sharding"`, gradientCheckpointing: Prisma.sql`r."gradientCheckpointing"`,
  experiment: Prisma.sql`r."experimentId"`, source: Prisma.sql`r."sourceId"`, status: Prisma.sql`r."status"`, reviewStatus: Prisma.sql`r."reviewStatus"`,
};
const BOOLEAN_FIELDS: ReadonlySet<string> = new Set<GroupField>(["gradientCheckpointing"]);
/** Group fields whose columns hold numbers (or a boolean); every other field, and every param, is text. */
const NON_TEXT_FIELDS: ReadonlySet<string> = new Set<GroupField>([
  "rank", "loraAlpha", "gpuCount", "batchSize", "gradientAccumulation", "seqLen", "learningRate", "epochs", "gradientCheckpointing",
]);

/** A run whose memory is a range or a bound, not a measured point. */
export const MEMORY_RANGE_SQL = Prisma.sql`(r."peakMemoryGb" IS NULL AND (r."peakMemoryGbMin" IS NOT NULL OR r."peakMemoryGbMax" IS NOT NULL))`;

// Runs' ids travel as "createdAt<RS>id" joined by <US>: neither separator can occur in an ISO date or a run id.
const RECORD = "\u001e";
const UNIT = "\u001f";

export type AggregateGroupsOptions<M extends string, C extends string> = {
  by: readonly string[];
  /** Which runs: a condition on `"Run" r` (compareWhereSql plus whatever the caller needs). */
  where: Prisma.Sql;
  /** Values whose n, mean, std, min and max each group reports (null values are left out). */
  measures: Record<M, Prisma.Sql>;
  /** Conditions each group counts (boolean expressions; SQLite sums them as 0/1). */
  counts?: Record<C, Prisma.Sql>;
};

export type AggregatedGroup<M extends string, C extends string> = {
  key: Record<string, GroupKeyValue>;
  label: string;
  keyLabels: Record<string, string>;
  count: number;
  runIds: string[];
  stats: Record<M, OutcomeStats>;
  counts: Record<C, number>;
};

const keyValue = (field: string, value: unknown): GroupKeyValue => {
  if (value === null || value === undefined) return null;
  if (BOOLEAN_FIELDS.has(field)) return Boolean(Number(value));
  if (typeof value === "bigint") return Number(value);
  return value as GroupKeyValue;
};

/** The one statement aggregateGroups runs; exported so bench/runs-groups.mts can time the same SQL without Prisma. */
export function aggregateGroupsSql<M extends string, C extends string>(options: AggregateGroupsOptions<M, C>): Prisma.Sql {
  const joins: Prisma.Sql[] = [];
  const keys = options.by.map((field, index) => {
    if (isGroupField(field)) return FIELD_COLUMNS[field];
    const alias = Prisma.raw(`p${index}`);
    joins.push(Prisma.sql`LEFT JOIN "RunParam" ${alias} ON ${alias}."runId" = r."id" AND ${alias}."key" = ${field.slice("param:".length)}`);
    return Prisma.sql`${alias}."value"`;
  });
  const measures = Object.values(options.measures) as Prisma.Sql[];
  const counts = Object.values(options.counts ?? {}) as Prisma.Sql[];
  const keyColumns = keys.map((_, index) => Prisma.raw(`k${index}`));
  // PostgreSQL (issue 12): no unary + on text or booleans (nor a planner that needs it), no SUM over booleans, and an
  // integer measure squared may pass int4, so measures are summed as DOUBLE PRECISION; the ids' dates are written
  // at a fixed width (its text form drops trailing zeros of the fraction) so that they sort as SQLite's ISO text.
  const measure = (value: Prisma.Sql) => (isPostgres ? Prisma.sql`CAST(${value} AS DOUBLE PRECISION)` : value);
  const createdAt = isPostgres ? Prisma.sql`to_char(r."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS')` : Prisma.sql`r."createdAt"`;
  const aggregates = [
    // Unary + (a no-op on the value) keeps SQLite from walking an index such as Run_method_idx to get the groups in
    // order: that reads the table in index order, a random access per run, and measured slower than one table
    // scan into a sorter (250 against 190 ms for method × rank at 100,000 runs on a busy machine). Filters still use indexes.
    ...keys.map((key, index) => (isPostgres ? Prisma.sql`${key} AS ${keyColumns[index]!}` : Prisma.sql`+${key} AS ${keyColumns[index]!}`)),
    Prisma.sql`COUNT(*) AS "count"`,
    ...counts.map((condition, index) => Prisma.sql`SUM(${isPostgres ? Prisma.sql`CASE WHEN ${condition} THEN 1 ELSE 0 END` : condition}) AS ${Prisma.raw(`c${index}`)}`),
    ...measures.map(measure).flatMap((value, index) => [
      Prisma.sql`COUNT(${value}) AS ${Prisma.raw(`n${index}`)}`,
      Prisma.sql`SUM(${value}) AS ${Prisma.raw(`s${index}`)}`,
      Prisma.sql`SUM((${value}) * (${value})) AS ${Prisma.raw(`q${index}`)}`,
      Prisma.sql`MIN(${value}) AS ${Prisma.raw(`lo${index}`)}`,
      Prisma.sql`MAX(${value}) AS ${Prisma.raw(`hi${index}`)}`,
    ]),
    // Unordered: ordering inside the aggregate sorts every group; only the listed groups' ids are sorted, in JS.
    Prisma.sql`${groupConcat(Prisma.sql`${createdAt} || ${RECORD} || r."id"`, UNIT)} AS "ids"`,
  ];
  // Ties between groups of one size go by key as SQLite orders it: NULL first, text bytewise.
  const keyOrder = keyColumns.map((column, index) => {
    const field = options.by[index]!;
    if (!isPostgres) return Prisma.sql`g.${column}`;
    return NON_TEXT_FIELDS.has(field) ? Prisma.sql`g.${column} NULLS FIRST` : Prisma.sql`g.${column} COLLATE "C" NULLS FIRST`;
  });
  return Prisma.sql`
    SELECT g.*, COUNT(*) OVER () AS "totalGroups", SUM(g."count") OVER () AS "totalRuns" FROM (
      SELECT ${Prisma.join(aggregates)} FROM "Run" r ${joins.length ? Prisma.join(joins, " ") : Prisma.empty}
      WHERE ${options.where} GROUP BY ${Prisma.join(keyColumns)}
    ) g
    ORDER BY g."count" DESC, ${Prisma.join(keyOrder)}
    LIMIT ${MAX_GROUPS}`;
}

/**
 * One GROUP BY over the runs `where` selects, by up to four fields (`param:<key>` through a join on RunParam's
 * primary key): per group the count, each count condition's sum, and COUNT, SUM, SUM of squares, MIN and MAX of
 * each measure, from which statsFromSums derives mean and sample std. The MAX_GROUPS largest groups come back
 * (ties by key), each with its MAX_GROUP_IDS newest runs, labelled with the names of the hardware, experiments
 * and sources they name. One pass over the runs: at 100,000 runs this is a table scan, not a query per group.
 */
export async function aggregateGroups<M extends string, C extends string = never>(options: AggregateGroupsOptions<M, C>): Promise<{ groups: AggregatedGroup<M, C>[]; totalGroups: number; totalRuns: number }> {
  const measures = Object.keys(options.measures) as M[];
  const counts = Object.keys(options.counts ?? {}) as C[];
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>(aggregateGroupsSql(options));
  const keyed = rows.map((row) => Object.fromEntries(options.by.map((field, index) => [field, keyValue(field, row[`k${index}`])])));
  const names = await loadKeyNames(options.by, keyed);
  const groups = rows.map((row, rowIndex): AggregatedGroup<M, C> => {
    const key = keyed[rowIndex]!;
    const runIds = String(row.ids ?? "")
      .split(UNIT)
      .filter(Boolean)
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)) // newest createdAt first, then id descending (the runs table's order)
      .slice(0, MAX_GROUP_IDS)
      .map((entry) => entry.slice(entry.indexOf(RECORD) + 1));
    const stats = Object.fromEntries(
      measures.map((name, index) => {
        const sums: OutcomeSums = { n: toNumber(row[`n${index}`]), sum: toNumberOrNull(row[`s${index}`]), sumSquares: toNumberOrNull(row[`q${index}`]), min: toNumberOrNull(row[`lo${index}`]), max: toNumberOrNull(row[`hi${index}`]) };
        return [name, statsFromSums(sums)];
      }),
    ) as Record<M, OutcomeStats>;
    const keyLabels = Object.fromEntries(options.by.map((field) => [field, groupKeyValueLabel(field, key[field] ?? null, names)]));
    return {
      key,
      label: options.by.map((field) => keyLabels[field]).join(" · "),
      keyLabels,
      count: toNumber(row.count),
      runIds,
      stats,
      counts: Object.fromEntries(counts.map((name, index) => [name, toNumber(row[`c${index}`] ?? 0)])) as Record<C, number>,
    };
  });
  return { groups, totalGroups: toNumber(rows[0]?.totalGroups ?? 0), totalRuns: toNumber(rows[0]?.totalRuns ?? 0) };
}

/** Names of the hardware, experiments and sources the listed groups' keys hold. */
async function loadKeyNames(by: readonly string[], keys: Record<string, GroupKeyValue>[]): Promise<GroupKeyNames> {
  const idsOf = (field: string) => (by.includes(field) ? [...new Set(keys.map((key) => key[field]).filter((value): value is string => typeof value === "string"))] : []);
  const [hardware, experiments, sources] = await Promise.all([
    idsOf("hardware").length ? prisma.hardware.findMany({ where: { id: { in: idsOf("hardware") } }, select: { id: true, name: true } }) : [],
    idsOf("experiment").length ? prisma.experiment.findMany({ where: { id: { in: idsOf("experiment") } }, select: { id: true, name: true } }) : [],
    idsOf("source").length ? prisma.source.findMany({ where: { id: { in: idsOf("source") } }, select: { id: true, title: true } }) : [],
  ]);
  return {
    hardware: new Map(hardware.map((item) => [item.id, item.name])),
    experiment: new Map(experiments.map((item) => [item.id, item.name])),
    source: new Map(sources.map((item) => [item.id, item.title])),
  };
}

const OUTCOME_COLUMNS = Object.fromEntries(GROUP_OUTCOMES.map((outcome) => [outcome, Prisma.raw(`r."${outcome}"`)])) as Record<GroupOutcome, Prisma.Sql>;

/** What GET /api/runs/groups aggregates: the runs-table filters' runs, every outcome, OOMs and memory ranges. */
export function runGroupsOptions(query: RunGroupsQuery) {
  const { by, ...filters } = query;
  return { by, where: compareWhereSql(filters), measures: OUTCOME_COLUMNS, counts: { oom: Prisma.sql`r."oom"`, memoryRange: MEMORY_RANGE_SQL } };
}

/**
 * GET /api/runs/groups: the runs the runs table lists (its filters; never soft-deleted runs), grouped, with each
 * outcome's statistics. Memory counts measured points only (peakMemoryGb); a range or bound is counted in
 * memoryRangeCount and left out, since no single number stands for it.
 */
export async function groupRuns(query: RunGroupsQuery): Promise<RunGroupsResponse> {
  await settleCompareFilters(query);
  const { by } = query;
  const result = await aggregateGroups(runGroupsOptions(query));
  return {
    by,
    groups: result.groups.map((group) => ({
      key: group.key,
      label: group.label,
      keyLabels: group.keyLabels,
      count: group.count,
      oomCount: group.counts.oom,
      memoryRangeCount: group.counts.memoryRange,
      outcomes: group.stats,
      runIds: group.runIds,
    })),
    totalGroups: result.totalGroups,
    totalRuns: result.totalRuns,
  };
}
