import Link from "next/link";
import { useMemo } from "react";
import { type ColumnRef, DEFAULT_COLUMNS, columnLabel, parseColumnId, RUN_FIELD_COLUMNS } from "@/lib/runs/columns";
import { RUN_SORT_FIELDS, type RunListItem } from "@/lib/schemas/run";
import { RunCell, isNumericColumn } from "./run-cells";

export type SortField = (typeof RUN_SORT_FIELDS)[number];

export type RunsTableProps = {
  runs: RunListItem[];
  /** Column ids (lib/runs/columns.ts; DEFAULT_COLUMNS when left out); the name is always drawn first and pinned, whether listed or not. */
  columns?: readonly string[];
  sort: SortField;
  order: "asc" | "desc";
  /** Without it the headers do not sort (e.g. a group's runs, listed by id). */
  onSort?: (sort: SortField, order: "asc" | "desc") => void;
  /** With a selection, a checkbox in each name cell picks runs to compare (at most `max`). */
  selection?: { ids: ReadonlySet<string>; max: number; onToggle: (id: string) => void };
};

const SORTABLE: ReadonlySet<string> = new Set(RUN_FIELD_COLUMNS.filter((column) => "sortable" in column && column.sortable).map((column) => column.id));
const isSortField = (id: string): id is SortField => SORTABLE.has(id) && (RUN_SORT_FIELDS as readonly string[]).includes(id);

/** The runs table for any set of columns: the pinned name column, then each column's header (sorting where the API can) and cells. */
export function RunsTable({ runs, columns = DEFAULT_COLUMNS, sort, order, onSort, selection }: RunsTableProps) {
  const refs = useMemo(() => columns.map(parseColumnId).filter((ref): ref is ColumnRef => ref !== null && ref.id !== "name"), [columns]);
  const isSelectionFull = selection ? selection.ids.size >= selection.max : false;
  const header = (id: string, label: string, numeric: boolean, className?: string) => {
    const isSorted = id === sort;
    const classes = [numeric ? "num" : "", className ?? ""].filter(Boolean).join(" ") || undefined;
    return (
      <th key={id} scope="col" className={classes} aria-sort={isSorted ? (order === "asc" ? "ascending" : "descending") : undefined} data-column={id}>
        {onSort && isSortField(id) ? (
          <button type="button" className="sort-button" onClick={() => onSort(id, isSorted && order === "desc" ? "asc" : "desc")}>
            {label} {isSorted ? (order === "asc" ? "▲" : "▼") : ""}
          </button>
        ) : (
          label
        )}
      </th>
    );
  };
  return (
    <div className="data-table-wrap runs-table-wrap">
      <table className="data-table runs-table" data-testid="runs-table">
        <thead>
          <tr>
            {header("name", "Name", false, "col-name")}
            {refs.map((ref) => header(ref.id, columnLabel(ref), isNumericColumn(ref), ref.kind === "field" ? undefined : "col-extra"))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className={selection?.ids.has(run.id) ? "is-selected" : undefined}>
              <td className="col-name">
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
                <Link id={`run-name-${run.id}`} className="run-name" href={`/runs/${run.id}`} title={run.name}>{run.name}</Link>
              </td>
              {refs.map((ref) => (
                <RunCell key={ref.id} run={run} column={ref} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
