"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, toSearchParams } from "@/lib/api/client";
import { runKeys } from "@/lib/query/keys";
import type { RunListFilters } from "@/lib/runs/filters";
import type { Run, RunCreateInput, RunDetail, RunPage } from "@/lib/schemas/run";

export type MetricSeries = { key: string; points: { step: number; value: number; time: string }[] };

export function fetchRunPage(filters: RunListFilters, cursor?: string | null): Promise<RunPage> {
  return apiFetch<RunPage>(`/api/runs?${toSearchParams({ ...filters, cursor })}`);
}

/** Pages of runs for the table; `fetchNextPage` follows nextCursor. */
export function useRuns(filters: RunListFilters) {
  return useInfiniteQuery({
    queryKey: runKeys.list(filters),
    queryFn: ({ pageParam }) => fetchRunPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useRun(id: string) {
  return useQuery({ queryKey: runKeys.detail(id), queryFn: () => apiFetch<RunDetail>(`/api/runs/${encodeURIComponent(id)}`) });
}

export function useRunMetrics(id: string, enabled = true) {
  return useQuery({
    queryKey: runKeys.metrics(id),
    queryFn: () => apiFetch<{ series: MetricSeries[] }>(`/api/runs/${encodeURIComponent(id)}/metrics`),
    enabled,
  });
}

export function useCreateRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RunCreateInput) => apiFetch<Run>("/api/runs", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runKeys.lists() }),
  });
}

export function useUpdateRun(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Record<keyof RunCreateInput, unknown>>) => apiFetch<Run>(`/api/runs/${encodeURIComponent(id)}`, { method: "PATCH", json: patch }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: runKeys.lists() }), queryClient.invalidateQueries({ queryKey: runKeys.detail(id) })]);
    },
  });
}

export function useDeleteRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/runs/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: runKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: runKeys.lists() });
    },
  });
}
