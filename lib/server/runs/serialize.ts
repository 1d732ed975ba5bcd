import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Run, RunDetail } from "@/lib/schemas/run";

/** The relations every run response needs. */
export const runInclude = {
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
  model: { select: { id: true, hfId: true, name: true } },
  hardware: { select: { id: true, name: true } },
  source: { select: { id: true, title: true, kind: true } },
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.RunInclude;

export type RunRow = Prisma.RunGetPayload<{ include: typeof runInclude }>;

export function serializeRun(row: RunRow): Run {
  const { tags, model, hardware, source, targetModules, createdAt, updatedAt, modelId, hardwareId, sourceId: _sourceId, createdById: _createdById, createdBy, deletedAt, ...fields } = row;
  return {
    ...fields,
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
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export const runDetailInclude = {
  ...runInclude,
  cells: {
    include: { cell: { include: { table: { select: { id: true, title: true } } } } },
    orderBy: [{ cell: { tableId: "asc" } }, { cell: { row: "asc" } }, { cell: { col: "asc" } }],
  },
} satisfies Prisma.RunInclude;

export type RunDetailRow = Prisma.RunGetPayload<{ include: typeof runDetailInclude }>;

export function serializeRunDetail(row: RunDetailRow, metricKeys: string[]): RunDetail {
  const { cells, ...rest } = row;
  return {
    ...serializeRun(rest),
    cells: cells.map(({ field, cell }) => ({
      field,
      cellId: cell.id,
      text: cell.text,
      rowLabel: cell.rowLabel,
      columnLabel: cell.columnLabel,
      tableId: cell.table.id,
      tableTitle: cell.table.title,
    })),
    metricKeys,
  };
}
