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

/** How far below the viewport the end of the table may be when the next page starts loading, in CSS pixels. */
const PREFETCH_MARGIN_PX = 400;

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
  const items = useMemo(() => runs.data?.pages.flatMap((page) => page.items) ?? [], [runs.data]);
  const total = runs.data?.pages[0]?.total ?? 0;
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const selection = useMemo(
    () => ({
      ids: new Set(selectedIds),
      max: MAX_COMPARED_RUNS,
      onToggle: (id: string) => setSelectedIds((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id].slice(0, MAX_COMPARED_RUNS))),
    }),
    [selectedIds],
  );

  // The view the last change asked for: the URL (and so `view`) catches up only after router.replace has rendered,
  // and a second change made before that must build on the first, not on the stale URL.
  const latest = useRef(view);
  useEffect(() => {
    latest.current = view;
  }, [view]);
  const setView = useCallback(
    (next: Partial<RunsView> | ((current: RunsView) => Partial<RunsView>)) => {
      const merged = { ...latest.current, ...(typeof next === "function" ? next(latest.current) : next) };
      latest.current = merged;
      const query = runsViewToSearchParams(merged).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  const onChange = useCallback((next: Partial<RunListFilters>) => setView((current) => ({ filters: { ...current.filters, ...next } })), [setView]);

  // Infinite scroll: a sentinel after the table; while it is in view and more pages exist, fetch the next one.
  const sentinel = useRef<HTMLDivElement>(null);
  const [isSentinelVisible, setIsSentinelVisible] = useState(false);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => setIsSentinelVisible(entries.some((entry) => entry.isIntersecting)), { rootMargin: `0px 0px ${PREFETCH_MARGIN_PX}px 0px` });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isGrouped]);
  const { hasNextPage, isFetchingNextPage, isFetching, fetchNextPage } = runs;
  useEffect(() => {
    // Re-checked after every page: a page that does not push the sentinel out of view (a tall screen) loads the next.
    // The observer reports a page's new rows a frame late, so the sentinel's place is measured here, after they render.
    if (!isSentinelVisible || !hasNextPage || isFetchingNextPage || isFetching || isGrouped) return;
    const top = sentinel.current?.getBoundingClientRect().top;
    if (top === undefined || top > window.innerHeight + PREFETCH_MARGIN_PX) return;
    void fetchNextPage();
  }, [isSentinelVisible, hasNextPage, isFetchingNextPage, isFetching, isGrouped, fetchNextPage, items.length]);

  return (
    <div className="stack">
      <RunFilters filters={filters} onChange={onChange} />
      <div className="row runs-toolbar">
        <GroupBySelect value={group} onChange={(next) => setView({ group: next })} />
        <SaveViewButton />
      </div>
      <ColumnChooser columns={columns} onChange={(update) => setView((current) => ({ columns: update(current.columns) }))} />
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
