"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { SaveViewButton } from "@/components/collab/save-view-button";
import { useRuns } from "@/lib/hooks/use-runs";
import { type RunListFilters, filtersFromSearchParams, filtersToSearchParams } from "@/lib/runs/filters";
import { MAX_COMPARED_RUNS } from "@/lib/schemas/compare";
import { RunFilters } from "./run-filters";
import { RunsTable } from "./runs-table";

/** The runs page's interactive part: filters and sort in the URL, pages fetched with TanStack Query. */
export function RunsBrowser() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => filtersFromSearchParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const runs = useRuns(filters);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const selection = useMemo(
    () => ({
      ids: new Set(selectedIds),
      max: MAX_COMPARED_RUNS,
      onToggle: (id: string) => setSelectedIds((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id].slice(0, MAX_COMPARED_RUNS))),
    }),
    [selectedIds],
  );

  const onChange = useCallback(
    (next: Partial<RunListFilters>) => {
      const query = filtersToSearchParams({ ...filters, ...next }).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );

  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];
  const total = runs.data?.pages[0]?.total ?? 0;
  return (
    <div className="stack">
      <RunFilters filters={filters} onChange={onChange} />
      <SaveViewButton />
      <p className="muted small" aria-live="polite" data-testid="runs-count">
        {runs.isPending ? "Loading runs…" : `Showing ${items.length} of ${total} runs`}
      </p>
      <div className="row compare-bar" data-testid="compare-bar">
        <span className="small muted">
          {selectedIds.length ? `${selectedIds.length} of at most ${MAX_COMPARED_RUNS} runs selected` : `Tick 2–${MAX_COMPARED_RUNS} runs to compare them side by side.`}
        </span>
        {selectedIds.length >= 2 ? (
          <Link className="button button-primary" href={`/compare/diff?ids=${selectedIds.map(encodeURIComponent).join(",")}`}>Compare selected ({selectedIds.length})</Link>
        ) : (
          <button type="button" className="button-primary" disabled>Compare selected ({selectedIds.length})</button>
        )}
        {selectedIds.length ? <button type="button" onClick={() => setSelectedIds([])}>Clear selection</button> : null}
      </div>
      {runs.isError ? <div className="error-banner" role="alert">Could not load runs: {runs.error.message}</div> : null}
      {!runs.isPending && items.length === 0 ? (
        <div className="empty-state">No run matches these filters. Clear a filter, or log a run.</div>
      ) : (
        <RunsTable runs={items} sort={filters.sort} order={filters.order} onSort={(sort, order) => onChange({ sort, order })} selection={selection} />
      )}
      {runs.hasNextPage ? (
        <div>
          <button type="button" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
            {runs.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
