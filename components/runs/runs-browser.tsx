"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useRuns } from "@/lib/hooks/use-runs";
import { type RunListFilters, filtersFromSearchParams, filtersToSearchParams } from "@/lib/runs/filters";
import { RunFilters } from "./run-filters";
import { RunsTable } from "./runs-table";

/** The runs page's interactive part: filters and sort in the URL, pages fetched with TanStack Query. */
export function RunsBrowser() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => filtersFromSearchParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const runs = useRuns(filters);

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
      <p className="muted small" aria-live="polite" data-testid="runs-count">
        {runs.isPending ? "Loading runs…" : `Showing ${items.length} of ${total} runs`}
      </p>
      {runs.isError ? <div className="error-banner" role="alert">Could not load runs: {runs.error.message}</div> : null}
      {!runs.isPending && items.length === 0 ? (
        <div className="empty-state">No run matches these filters. Clear a filter, or log a run.</div>
      ) : (
        <RunsTable runs={items} sort={filters.sort} order={filters.order} onSort={(sort, order) => onChange({ sort, order })} />
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
