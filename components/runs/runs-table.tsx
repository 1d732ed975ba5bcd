import Link from "next/link";
import { formatMemory, formatNumber, formatThroughput } from "@/lib/runs/format";
import type { RUN_SORT_FIELDS, Run } from "@/lib/schemas/run";
import { ReviewStatusBadge } from "@/components/collab/review-status-badge";
import { MethodBadge } from "./method-badge";
import { RunStatusBadge } from "./run-status-badge";
import { EstimateBadge } from "./estimate-badge";
import { SourceBadge } from "./source-badge";

type SortField = (typeof RUN_SORT_FIELDS)[number];

export type RunsTableProps = {
  runs: Run[];
  sort: SortField;
  order: "asc" | "desc";
  onSort: (sort: SortField, order: "asc" | "desc") => void;
  /** With a selection, a first column of checkboxes picks runs to compare (at most `maxSelected`). */
  selection?: { ids: ReadonlySet<string>; max: number; onToggle: (id: string) => void };
};

const COLUMNS: { label: string; sort?: SortField; numeric?: boolean }[] = [
  { label: "Name", sort: "name" },
  { label: "Method", sort: "method" },
  { label: "Model", sort: "modelName" },
  { label: "Rank", sort: "rank", numeric: true },
  { label: "Hardware" },
  { label: "Peak memory", sort: "peakMemoryGb", numeric: true },
  { label: "Samples/s", sort: "throughputSamplesPerSec", numeric: true },
  { label: "MT-Bench", sort: "mtBench", numeric: true },
  { label: "MMLU", sort: "mmlu", numeric: true },
  { label: "Experiment" },
  { label: "Source" },
  { label: "Review" },
  { label: "Logged", sort: "createdAt" },
  { label: "Status" },
];

export function RunsTable({ runs, sort, order, onSort, selection }: RunsTableProps) {
  const isSelectionFull = selection ? selection.ids.size >= selection.max : false;
  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid="runs-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const isSorted = column.sort === sort;
              return (
                <th key={column.label} scope="col" className={column.numeric ? "num" : undefined} aria-sort={isSorted ? (order === "asc" ? "ascending" : "descending") : undefined}>
                  {column.sort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.sort!, isSorted && order === "desc" ? "asc" : "desc")}>
                      {column.label} {isSorted ? (order === "asc" ? "▲" : "▼") : ""}
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className={selection?.ids.has(run.id) ? "is-selected" : undefined}>
              <td>
                {/* In the name cell rather than a column of its own, so the columns keep their places. The run's name
                    is the checkbox's description, not its label, so "QLoRA" still names only the method filter. */}
                {selection ? (
                  <input
                    type="checkbox"
                    className="select-run"
                    aria-label="Select for comparison"
                    aria-describedby={`run-name-${run.id}`}
                    checked={selection.ids.has(run.id)}
                    disabled={isSelectionFull && !selection.ids.has(run.id)}
                    onChange={() => selection.onToggle(run.id)}
                  />
                ) : null}
                <Link id={`run-name-${run.id}`} href={`/runs/${run.id}`}>{run.name}</Link>
              </td>
              <td><MethodBadge method={run.method} /></td>
              <td>{run.modelName}</td>
              <td className="num">{run.rank ?? "—"}</td>
              <td>{run.hardwareName ?? run.hardwareLabel ?? "—"}{run.gpuCount && run.gpuCount > 1 ? ` ×${run.gpuCount}` : ""}</td>
              <td className="num">{run.oom ? <span className="badge badge-oom">OOM</span> : formatMemory(run)}</td>
              <td className="num">{run.oom ? <span className="badge badge-oom">OOM</span> : formatThroughput(run)}</td>
              <td className="num">{formatNumber(run.mtBench)}</td>
              <td className="num">{formatNumber(run.mmlu)}</td>
              <td className="small"><Link href={`/runs?experiment=${encodeURIComponent(run.experimentId)}`}>{run.experimentName}</Link></td>
              <td><SourceBadge source={run.source} />{run.isEstimate ? <> <EstimateBadge /></> : null}</td>
              <td><ReviewStatusBadge status={run.reviewStatus} isBaseline={run.isBaseline} isReference={run.source !== null} /></td>
              <td className="small muted">{run.createdAt.slice(0, 10)}</td>
              <td><RunStatusBadge run={run} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
