"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, toSearchParams } from "@/lib/api/client";
import { collabKeys, compareKeys, predictKeys, runKeys } from "@/lib/query/keys";
import type { RunListFilters } from "@/lib/runs/filters";
import { liveRefetchInterval } from "@/lib/runs/liveness";
import type { RunColumnKeys } from "@/lib/schemas/run-columns";
import { type MetricSeries, RUN_CHART_MAX_POINTS, type Run, type RunCreateInput, type RunDetail, type RunPage } from "@/lib/schemas/run";

export function fetchRunPage(filters: RunListFilters, cursor?: string | null): Promise<RunPage> {
  return apiFetch<RunPage>(`/api/runs?${toSearchParams({ ...filters, cursor })}`);
}

// Live runs poll while something shown is running, and stop by themselves when it ends: TanStack Query 5 takes
// refetchInterval as a function of the query, re-evaluated after every fetch, returning milliseconds or false
// (QueryObserverOptions in @tanstack/query-core; since v5 it receives only the query).

/** Pages of runs for the table; `fetchNextPage` follows nextCursor. Refetched while a listed run is running. */
export function useRuns(filters: RunListFilters) {
  return useInfiniteQuery({
    queryKey: runKeys.list(filters),
    queryFn: ({ pageParam }) => fetchRunPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) => liveRefetchInterval(query.state.data?.pages.flatMap((page) => page.items) ?? [], Date.now()),
  });
}

/** One run; refetched while it is running, so its status, last-seen time and outcomes follow the client. */
export function useRun(id: string) {
  return useQuery({
    queryKey: runKeys.detail(id),
    queryFn: () => apiFetch<RunDetail>(`/api/runs/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data ? liveRefetchInterval([query.state.data], Date.now()) : false),
  });
}

/** The run page's curves; `refetchInterval` is the run's (liveRefetchInterval), so a live run's curve grows in place. */
export function useRunMetrics(id: string, enabled = true, refetchInterval: number | false = false) {
  return useQuery({
    queryKey: runKeys.metrics(id),
    queryFn: () => apiFetch<{ series: MetricSeries[] }>(`/api/runs/${encodeURIComponent(id)}/metrics?maxPoints=${RUN_CHART_MAX_POINTS}`),
    enabled,
    refetchInterval,
  });
}

/**
 * A changed run changes more than the runs table: the comparison charts aggregate runs, predictions refit their
 * quality and efficiency models on them, and every write adds events to the run's history and the activity feed.
 */
function invalidateRunDerivedData(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: runKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: compareKeys.all }),
    queryClient.invalidateQueries({ queryKey: predictKeys.all }),
    queryClient.invalidateQueries({ queryKey: collabKeys.histories() }),
    queryClient.invalidateQueries({ queryKey: collabKeys.activities() }),
  ]);
}

export function useCreateRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RunCreateInput) => apiFetch<Run>("/api/runs", { method: "POST", json: input }),
    onSuccess: () => invalidateRunDerivedData(queryClient),
  });
}

export function useUpdateRun(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Record<keyof RunCreateInput, unknown>>) => apiFetch<Run>(`/api/runs/${encodeURIComponent(id)}`, { method: "PATCH", json: patch }),
    onSuccess: async () => {
      await Promise.all([invalidateRunDerivedData(queryClient), queryClient.invalidateQueries({ queryKey: runKeys.detail(id) })]);
    },
  });
}

/** Soft-deleted runs, most recently changed (so deleted) first; admins only, others get 401/403. */
export function useDeletedRuns(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: runKeys.deleted(),
    queryFn: ({ pageParam }) => apiFetch<RunPage>(`/api/runs?${toSearchParams({ deleted: "true", sort: "updatedAt", order: "desc", cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled,
  });
}

export function useRestoreRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Run>(`/api/runs/${encodeURIComponent(id)}/restore`, { method: "POST" }),
    onSuccess: (_run, id) => Promise.all([invalidateRunDerivedData(queryClient), queryClient.invalidateQueries({ queryKey: runKeys.detail(id) })]),
  });
}

export function useDeleteRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/runs/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: runKeys.detail(id) });
      return invalidateRunDerivedData(queryClient);
    },
  });
}

/** The param, tag and metric keys to add as columns; read when the column chooser opens, then kept a minute. */
export function useRunColumnKeys(enabled: boolean) {
  return useQuery({
    queryKey: [...runKeys.all, "column-keys"] as const,
    queryFn: () => apiFetch<RunColumnKeys>("/api/runs/columns"),
    enabled,
    staleTime: 60_000,
  });
}
