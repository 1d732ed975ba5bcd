"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { SaveViewButton } from "@/components/collab/save-view-button";
import { useRuns } from "@/lib/hooks/use-runs";
import { type RunListFilters, type RunsView, runsViewFromSearchParams, runsViewToSearchParams } from "@/lib/runs/filters";
import { MAX_COMPARED_RUNS } from "@/lib/schemas/compare";
import { ColumnChooser } from "./column-chooser";
import { GroupBySelect } from "./group-by-select";
import { RunFilters } from "./run-filters";
import { RunGroups } from "./run-groups";
import { RunsTable } from "./runs-table";

/** How far below the viewport the end of the table may be when the next page starts loading. */
const PREFETCH_MARGIN = "400px";

/**
 * The runs page's interactive part: filters, sort, columns and grouping in the URL, pages fetched with TanStack
 * Query. The next page loads when the end of the table comes near the viewport, one page (50 runs) at a time: a page
 * is fetched only while the sentinel after the last row is in view, so nothing is read ahead of the reader.
 */
export function RunsBrowser() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => runsViewFromSearchParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const { filters, columns, group } = view;
  const isGrouped = group.length > 0;
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

  const setView = useCallback(
    (next: Partial<RunsView>) => {
      const query = runsViewToSearchParams({ ...view, ...next }).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [view, pathname, router],
  );
  const onChange = useCallback((next: Partial<RunListFilters>) => setView({ filters: { ...filters, ...next } }), [filters, setView]);

  // Infinite scroll: a sentinel after the table; while it is in view and more pages exist, fetch the next one.
  const sentinel = useRef<HTMLDivElement>(null);
  const [isSentinelVisible, setIsSentinelVisible] = useState(false);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => setIsSentinelVisible(entries.some((entry) => entry.isIntersecting)), { rootMargin: `0px 0px ${PREFETCH_MARGIN} 0px` });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isGrouped]);
  const { hasNextPage, isFetchingNextPage, isFetching, fetchNextPage } = runs;
  useEffect(() => {
    // Re-checked after every page: a page that does not push the sentinel out of view (a tall screen) loads the next.
    if (isSentinelVisible && hasNextPage && !isFetchingNextPage && !isFetching && !isGrouped) void fetchNextPage();
  }, [isSentinelVisible, hasNextPage, isFetchingNextPage, isFetching, isGrouped, fetchNextPage]);

  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];
  const total = runs.data?.pages[0]?.total ?? 0;
  return (
    <div className="stack">
      <RunFilters filters={filters} onChange={onChange} />
      <div className="row runs-toolbar">
        <GroupBySelect value={group} onChange={(next) => setView({ group: next })} />
        <SaveViewButton />
      </div>
      <ColumnChooser columns={columns} onChange={(next) => setView({ columns: next })} />
      {isGrouped ? (
        <RunGroups filters={filters} by={group} columns={columns} />
      ) : (
        <>
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
            <RunsTable runs={items} columns={columns} sort={filters.sort} order={filters.order} onSort={(sort, order) => onChange({ sort, order })} selection={selection} />
          )}
          <div ref={sentinel} className="runs-sentinel" aria-hidden="true" />
          {isFetchingNextPage ? (
            <p className="small muted" role="status" data-testid="runs-loading-more">Loading more…</p>
          ) : hasNextPage ? null : items.length > 0 ? (
            <p className="small muted" data-testid="runs-end">All {total} runs shown.</p>
          ) : null}
        </>
      )}
    </div>
  );
}
