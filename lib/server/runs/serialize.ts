import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Run, RunDetail } from "@/lib/schemas/run";

/** The relations every run response needs. */
export const runInclude = {
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
  model: { select: { id: true, hfId: true, name: true } },
  hardware: { select: { id: true, name: true } },
  source: { select: { id: true, title: true, kind: true, url: true, repository: true, path: true, commit: true } },
  createdBy: { select: { id: true, name: true } },
  experiment: { select: { name: true } },
} satisfies Prisma.RunInclude;

export type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;

/** Columns serializeRun reshapes or leaves out (cells, params, keyTags: serializeRunDetail's); every other column is copied as it is. */
const RESHAPED_KEYS = ["cells", "params", "keyTags", "tags", "model", "hardware", "source", "targetModules", "createdAt", "updatedAt", "modelId", "hardwareId", "sourceId", "createdById", "createdBy", "deletedAt", "experiment", "lastSeenAt", "startedAt", "endedAt"] as const;

/**
 * What the runs list reads beside each "Run" row in the same statement (lib/server/runs/list-rows.ts), by alias: the
 * relations' fields runInclude selects, and the tags as a JSON array in text. Not columns of the run, so never copied.
 */
export const JOINED_COLUMNS = {
  modelHfId: "joinedModelHfId",
  modelName: "joinedModelName",
  hardwareName: "joinedHardwareName",
  sourceTitle: "joinedSourceTitle",
  sourceKind: "joinedSourceKind",
  sourceUrl: "joinedSourceUrl",
  sourceRepository: "joinedSourceRepository",
  sourcePath: "joinedSourcePath",
  sourceCommit: "joinedSourceCommit",
  creatorName: "joinedCreatorName",
  experimentName: "joinedExperimentName",
  tags: "joinedTags",
} as const;

// "rowid": PostgreSQL's "Run" has it as a column (SQLite's hidden rowid, issue 12), so a raw SELECT * there returns it.
const RESHAPED = new Set<string>([...RESHAPED_KEYS, "rowid", ...Object.values(JOINED_COLUMNS)]);
type CopiedColumns = Omit<RunRow, (typeof RESHAPED_KEYS)[number]>;

export function serializeRun(row: RunRow): Run {
  const { tags, model, hardware, source, targetModules, createdAt, updatedAt, modelId, hardwareId, createdBy, deletedAt, experiment, lastSeenAt, startedAt, endedAt } = row;
  // Copied key by key, then overridden in place: rest-destructuring a 50-column row and spreading the rest into a
  // literal cost V8 about 0.3 ms per run (a 100,000-run export spent most of its time there); this is ~20x faster
  // and gives the same keys in the same order.
  const fields = {} as CopiedColumns;
  for (const key in row) if (!RESHAPED.has(key)) (fields as Record<string, unknown>)[key] = row[key as keyof RunRow];
  return Object.assign(fields, {
    status: fields.status as Run["status"],
    method: fields.method as Run["method"],
    quantization: fields.quantization as Run["quantization"],
    precision: fields.precision as Run["precision"],
    optimizer: fields.optimizer as Run["optimizer"],
    attention: fields.attention as Run["attention"],
    sharding: fields.sharding as Run["sharding"],
    tags: tags.map((t) => t.tag),
    source,
    createdBy,
    model: model ? (model.hfId ?? model.id) : fields.modelName,
    modelId,
    hardware: hardwareId,
    hardwareName: hardware?.name ?? null,
    targetModules: targetModules ? (JSON.parse(targetModules) as Run["targetModules"]) : null,
    reviewStatus: fields.reviewStatus as Run["reviewStatus"],
    deletedAt: deletedAt?.toISOString() ?? null,
    framework: fields.framework as Run["framework"],
    peakMemoryMeasure: fields.peakMemoryMeasure as Run["peakMemoryMeasure"],
    peakMemoryScope: fields.peakMemoryScope as Run["peakMemoryScope"],
    experimentName: experiment.name,
    lastSeenAt: lastSeenAt?.toISOString() ?? null,
    startedAt: startedAt?.toISOString() ?? null,
    endedAt: endedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  });
}

/** A column of a statement's answer as better-sqlite3 describes it: its name and declared type. */
export type ColumnInfo = { name: string; type: string | null };

/**
 * serializeRun's JSON text written straight from a row of the runs list's statement read as an array (SQLite), without
 * building the row or the run as objects: for a 50-run page that took ~1.5 ms of the ~3 ms answer, this ~0.3 ms.
 * It mirrors serializeRun key for key and value for value (the copied columns in the row's order, then the reshaped
 * ones in serializeRun's order; BOOLEAN and DATETIME columns typed as readRows types them), and
 * tests/api/runs-list-json.test.ts checks that the two write the same bytes for every kind of run: change them together.
 */
export function runJsonWriter(columns: readonly ColumnInfo[]): (row: readonly unknown[]) => string {
  const index = (name: string) => {
    const at = columns.findIndex((column) => column.name === name);
    if (at < 0) throw new Error(`runJsonWriter: the statement has no column ${name}`);
    return at;
  };
  const copied = columns.flatMap((column, at) => {
    if (RESHAPED.has(column.name)) return [];
    const type = column.type?.toUpperCase();
    return [{ at, key: `${JSON.stringify(column.name)}:`, kind: type === "BOOLEAN" ? BOOLEAN : type === "DATETIME" ? DATETIME : PLAIN }];
  });
  const [modelId, hardwareId, sourceId, createdById, experimentId, modelName, targetModules] = ["modelId", "hardwareId", "sourceId", "createdById", "experimentId", "modelName", "targetModules"].map(index) as [number, number, number, number, number, number, number];
  const [deletedAt, lastSeenAt, startedAt, endedAt, createdAt, updatedAt] = ["deletedAt", "lastSeenAt", "startedAt", "endedAt", "createdAt", "updatedAt"].map(index) as [number, number, number, number, number, number];
  const joined = Object.fromEntries(Object.entries(JOINED_COLUMNS).map(([field, alias]) => [field, index(alias)])) as Record<keyof typeof JOINED_COLUMNS, number>;
  return (row) => {
    let json = "{";
    for (let i = 0; i < copied.length; i += 1) {
      const { at, key, kind } = copied[i]!;
      const value = row[at];
      json += (i === 0 ? key : `,${key}`) + (value === null || value === undefined ? "null" : kind === BOOLEAN ? (value ? "true" : "false") : kind === DATETIME ? isoJson(value) : plainJson(value));
    }
    const text = (at: number) => plainJson(row[at] ?? null);
    const tags = row[joined.tags] as string | null;
    // The relations exist as serializeRun's include finds them: a foreign key that points at a row.
    const hasSource = Boolean(row[sourceId]) && row[joined.sourceTitle] != null;
    const hasCreator = Boolean(row[createdById]) && row[joined.creatorName] != null;
    const hasModel = Boolean(row[modelId]) && row[joined.modelName] != null;
    const hasHardware = Boolean(row[hardwareId]) && row[joined.hardwareName] != null;
    json += `,"tags":${tags === null || tags === "[]" ? "[]" : JSON.stringify(JSON.parse(tags))}`;
    json += `,"source":${hasSource ? `{"id":${text(sourceId)},"title":${text(joined.sourceTitle)},"kind":${text(joined.sourceKind)},"url":${text(joined.sourceUrl)},"repository":${text(joined.sourceRepository)},"path":${text(joined.sourcePath)},"commit":${text(joined.sourceCommit)}}` : "null"}`;
    json += `,"createdBy":${hasCreator ? `{"id":${text(createdById)},"name":${text(joined.creatorName)}}` : "null"}`;
    json += `,"model":${hasModel ? text(row[joined.modelHfId] != null ? joined.modelHfId : modelId) : text(modelName)},"modelId":${text(modelId)},"hardware":${text(hardwareId)}`;
    json += `,"hardwareName":${hasHardware ? text(joined.hardwareName) : "null"}`;
    json += `,"targetModules":${row[targetModules] ? JSON.stringify(JSON.parse(row[targetModules] as string)) : "null"}`;
    json += `,"deletedAt":${dateJson(row[deletedAt])},"experimentName":${text(row[joined.experimentName] != null ? joined.experimentName : experimentId)}`;
    json += `,"lastSeenAt":${dateJson(row[lastSeenAt])},"startedAt":${dateJson(row[startedAt])},"endedAt":${dateJson(row[endedAt])},"createdAt":${dateJson(row[createdAt])},"updatedAt":${dateJson(row[updatedAt])}}`;
    return json;
  };
}

const PLAIN = 0;
const BOOLEAN = 1;
const DATETIME = 2;

/** A text or number value as JSON.stringify writes it (a number that is not finite: null). */
function plainJson(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  return JSON.stringify(value);
}

const dateJson = (value: unknown) => (value === null || value === undefined ? "null" : isoJson(value));

/** Prisma's text for an instant in UTC ("2026-11-30T08:55:35.077+00:00"), or the same with a Z. */
const UTC_TEXT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|\+00:00)$/;

/**
 * A stored DATETIME as toISOString writes it, in quotes, as readRows' Date would serialise: the text Prisma wrote is
 * already that instant in UTC, so it is cut to its milliseconds and given a Z instead of being parsed (a fifth of
 * the writer's time); any other form (a number of milliseconds) goes through a Date.
 */
function isoJson(value: unknown): string {
  if (typeof value === "string" && UTC_TEXT.test(value)) return `"${value.slice(0, 23)}Z"`;
  return JSON.stringify(new Date(typeof value === "string" ? value : Number(value)).toISOString());
}

export const runDetailInclude = {
  ...runInclude,
  cells: {
    include: { cell: { include: { table: { select: { id: true, title: true } } } } },
    orderBy: [{ cell: { tableId: "asc" } }, { cell: { row: "asc" } }, { cell: { col: "asc" } }],
  },
  params: { select: { key: true, value: true }, orderBy: { key: "asc" } },
  keyTags: { select: { key: true, value: true }, orderBy: { key: "asc" } },
} satisfies Prisma.RunInclude;

export type RunDetailRow = Prisma.RunGetPayload<{ include: typeof runDetailInclude }>;

export function serializeRunDetail(row: RunDetailRow, metricKeys: string[]): RunDetail {
  return Object.assign(serializeRun(row), {
    cells: row.cells.map(({ field, cell }) => ({
      field,
      cellId: cell.id,
      text: cell.text,
      rowLabel: cell.rowLabel,
      columnLabel: cell.columnLabel,
      tableId: cell.table.id,
      tableTitle: cell.table.title,
    })),
    metricKeys,
    // fromEntries defines own properties, so a key such as "__proto__" stays a key instead of a prototype.
    params: Object.fromEntries(row.params.map((p) => [p.key, p.value])),
    keyTags: Object.fromEntries(row.keyTags.map((t) => [t.key, t.value])),
  });
}
