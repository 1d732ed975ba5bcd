"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, toSearchParams } from "@/lib/api/client";
import { compareKeys, runKeys } from "@/lib/query/keys";
import type { CompareFilters, QualityMemoryResponse, RankQualityResponse } from "@/lib/schemas/compare";
import type { RUN_SORT_FIELDS, RunPage } from "@/lib/schemas/run";
import type { RunGroupsResponse } from "@/lib/schemas/run-table";

// Keys nest under runKeys.lists() and compareKeys.all, so every run write that refreshes the runs table and the
// charts (invalidateRunDerivedData in use-runs.ts) refreshes the groups too.
export const runGroupKeys = {
  groups: (filters: CompareFilters, by: readonly string[]) => [...runKeys.lists(), "groups", filters, by] as const,
  groupRuns: (ids: readonly string[], sort: string, order: string, columns: readonly string[]) => [...runKeys.lists(), "group-runs", ids, sort, order, columns] as const,
  qualityMemory: (filters: CompareFilters, metric: string, by: readonly string[]) => [...compareKeys.all, "quality-memory-groups", filters, metric, by] as const,
  rankQuality: (filters: CompareFilters, by: readonly string[]) => [...compareKeys.all, "rank-quality-groups", filters, by] as const,
};

/** GET /api/runs/groups for the runs table's filters; nothing is fetched while `by` is empty. */
export function useRunGroups(filters: CompareFilters, by: readonly string[]) {
  return useQuery({
    queryKey: runGroupKeys.groups(filters, by),
    queryFn: () => apiFetch<RunGroupsResponse>(`/api/runs/groups?${toSearchParams({ ...filters, by })}`),
    enabled: by.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** The runs of one group (GET /api/runs?ids=), with the table's extra columns; fetched when the group is expanded. */
export function useGroupRuns(ids: readonly string[], sort: (typeof RUN_SORT_FIELDS)[number], order: "asc" | "desc", columns: readonly string[], enabled: boolean) {
  return useQuery({
    queryKey: runGroupKeys.groupRuns(ids, sort, order, columns),
    queryFn: () => apiFetch<RunPage>(`/api/runs?${toSearchParams({ ids, sort, order, columns, limit: ids.length || 1 })}`),
    enabled: enabled && ids.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** The quality-memory chart's answer with `groups` (groupBy=); nothing is fetched while `by` is empty. */
export function useQualityMemoryGroups(filters: CompareFilters, metric: QualityMemoryResponse["metric"], by: readonly string[]) {
  return useQuery({
    queryKey: runGroupKeys.qualityMemory(filters, metric, by),
    queryFn: () => apiFetch<QualityMemoryResponse>(`/api/compare/quality-memory?${toSearchParams({ ...filters, metric, groupBy: by })}`),
    enabled: by.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** The rank-quality chart's answer with `groups` (groupBy=). */
export function useRankQualityGroups(filters: CompareFilters, by: readonly string[]) {
  return useQuery({
    queryKey: runGroupKeys.rankQuality(filters, by),
    queryFn: () => apiFetch<RankQualityResponse>(`/api/compare/rank-quality?${toSearchParams({ ...filters, groupBy: by })}`),
    enabled: by.length > 0,
    placeholderData: keepPreviousData,
  });
}
