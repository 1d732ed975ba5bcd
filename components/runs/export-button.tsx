"use client";
import { useSearchParams } from "next/navigation";
import { filtersToSearchParams, runsViewFromSearchParams } from "@/lib/runs/filters";

export type ExportButtonProps = { format?: "csv" | "json" };

/**
 * Downloads the runs the table shows, with the table's columns: its filters and columns from the URL, without its
 * sorting (exports are oldest first). The CSV then holds the run id and those columns; the API without `columns`
 * still exports every field.
 */
export function ExportButton({ format = "csv" }: ExportButtonProps) {
  const searchParams = useSearchParams();
  const { filters, columns } = runsViewFromSearchParams(new URLSearchParams(searchParams.toString()));
  const { sort: _sort, order: _order, limit: _limit, columns: _extra, ids: _ids, ...exportFilters } = filters;
  const query = filtersToSearchParams(exportFilters);
  query.set("columns", columns.join(","));
  query.set("format", format);
  return (
    <a className="button" href={`/api/export?${query.toString()}`} download data-testid="export-runs" title="The runs matching the filters, with the table's columns">
      Export {format.toUpperCase()}
    </a>
  );
}
