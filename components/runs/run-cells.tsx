import Link from "next/link";
import type { ReactNode } from "react";
import { ReviewStatusBadge } from "@/components/collab/review-status-badge";
import { type ColumnRef, RUN_FIELD_COLUMNS, type RunFieldColumnId } from "@/lib/runs/columns";
import { formatDuration, formatMemory, formatNumber, formatParams, formatThroughput } from "@/lib/runs/format";
import type { RunListItem } from "@/lib/schemas/run";
import { EstimateBadge } from "./estimate-badge";
import { MethodBadge } from "./method-badge";
import { RunStatusBadge } from "./run-status-badge";
import { SourceBadge } from "./source-badge";

const NUMERIC_FIELDS: ReadonlySet<string> = new Set(RUN_FIELD_COLUMNS.filter((column) => "numeric" in column && column.numeric).map((column) => column.id));

/** Whether a column's cells are numbers (right-aligned, tabular figures). */
export const isNumericColumn = (ref: ColumnRef) => ref.kind === "metric" || (ref.kind === "field" && NUMERIC_FIELDS.has(ref.field));

/** A number as the table shows it: small values such as learning rates keep their significant digits (2e-4, not 0). */
function formatValue(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.01) return String(Number(value.toPrecision(3)));
  return formatNumber(value);
}

const oomOr = (run: RunListItem, content: ReactNode) => (run.oom ? <span className="badge badge-oom">OOM</span> : content);

/** The typed fields whose cells are more than their value: badges, links, ranges and units. */
const FIELD_CELLS: Partial<Record<RunFieldColumnId, (run: RunListItem) => ReactNode>> = {
  method: (run) => <MethodBadge method={run.method} />,
  hardware: (run) => `${run.hardwareName ?? run.hardwareLabel ?? "—"}${run.gpuCount && run.gpuCount > 1 ? ` ×${run.gpuCount}` : ""}`,
  peakMemoryGb: (run) => oomOr(run, formatMemory(run)),
  throughputSamplesPerSec: (run) => oomOr(run, formatThroughput(run)),
  throughputTokensPerSec: (run) => oomOr(run, run.throughputTokensPerSec === null ? "—" : `${formatNumber(run.throughputTokensPerSec)}/s`),
  modelParams: (run) => formatParams(run.modelParams),
  trainableParams: (run) => formatParams(run.trainableParams),
  wallTimeSec: (run) => formatDuration(run.wallTimeSec),
  costUsd: (run) => (run.costUsd === null ? "—" : `$${formatNumber(run.costUsd)}`),
  experiment: (run) => <Link href={`/runs?experiment=${encodeURIComponent(run.experimentId)}`}>{run.experimentName}</Link>,
  source: (run) => (
    <>
      <SourceBadge source={run.source} />
      {run.isEstimate ? <> <EstimateBadge /></> : null}
    </>
  ),
  reviewStatus: (run) => <ReviewStatusBadge status={run.reviewStatus} isBaseline={run.isBaseline} isReference={run.source !== null} />,
  createdAt: (run) => run.createdAt.slice(0, 10),
  updatedAt: (run) => run.updatedAt.slice(0, 10),
  status: (run) => <RunStatusBadge run={run} />,
  tags: (run) => (run.tags.length ? run.tags.join(", ") : "—"),
  targetModules: (run) => (run.targetModules?.length ? run.targetModules.join(", ") : "—"),
};

const FIELD_CLASS: Partial<Record<RunFieldColumnId, string>> = { experiment: "small", createdAt: "small muted", updatedAt: "small muted" };

function fieldContent(run: RunListItem, field: RunFieldColumnId): ReactNode {
  const cell = FIELD_CELLS[field];
  if (cell) return cell(run);
  const value: unknown = run[field as keyof RunListItem];
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return formatValue(value);
  return String(value);
}

/** A param, tag or metric value from the list's `values`; a metric's title says the step it was logged at. */
function extraCell(run: RunListItem, ref: Exclude<ColumnRef, { kind: "field" }>) {
  const found = run.values?.[ref.id];
  if (!found || found.value === null) return <td className={ref.kind === "metric" ? "num muted" : "muted"}>—</td>;
  if (ref.kind !== "metric") {
    const text = String(found.value);
    return <td title={text}><span className="cell-clip">{text}</span></td>;
  }
  const text = typeof found.value === "number" ? formatValue(found.value) : found.value;
  return <td className="num" title={found.step === null ? undefined : `${found.value} at step ${found.step}`}>{text}</td>;
}

export type RunCellProps = { run: RunListItem; column: ColumnRef };

/** One cell of the runs table for any column but the name (the table draws that one, pinned, with the checkbox). */
export function RunCell({ run, column }: RunCellProps) {
  if (column.kind !== "field") return extraCell(run, column);
  const className = isNumericColumn(column) ? "num" : (FIELD_CLASS[column.field] ?? undefined);
  return <td className={className}>{fieldContent(run, column.field)}</td>;
}
