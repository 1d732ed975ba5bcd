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
// "rowid": PostgreSQL's "Run" has it as a column (SQLite's hidden rowid, issue 12), so a raw SELECT * there returns it.
const RESHAPED = new Set<string>([...RESHAPED_KEYS, "rowid"]);
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
