"use client";
import { useSearchParams } from "next/navigation";
import { filtersFromSearchParams, filtersToSearchParams } from "@/lib/runs/filters";

export type ExportButtonProps = { format?: "csv" | "json" };

/** Downloads the runs the table shows: the table's filters from the URL, without its sorting (exports are oldest first). */
export function ExportButton({ format = "csv" }: ExportButtonProps) {
  const searchParams = useSearchParams();
  const { sort: _sort, order: _order, limit: _limit, ...filters } = filtersFromSearchParams(new URLSearchParams(searchParams.toString()));
  const query = filtersToSearchParams(filters);
  query.set("format", format);
  return (
    <a className="button" href={`/api/export?${query.toString()}`} download data-testid="export-runs">
      Export {format.toUpperCase()}
    </a>
  );
}
