"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, toSearchParams } from "@/lib/api/client";
import { compareKeys } from "@/lib/query/keys";
import type {
  CompareFilters, DiffResponse, LossCurvesResponse, MemoryBySizeResponse, QualityMemoryResponse, RankQualityResponse, TargetModulesResponse,
  ThroughputResponse,
} from "@/lib/schemas/compare";

export type QualityMetric = QualityMemoryResponse["metric"];

const compareUrl = (endpoint: string, query: Record<string, unknown>) => `/api/compare/${endpoint}?${toSearchParams(query)}`;

// A filter change keeps the previous chart on screen until the new aggregation arrives, instead of a blank card.

export function useQualityMemory(filters: CompareFilters, metric: QualityMetric) {
  return useQuery({
    queryKey: compareKeys.qualityMemory(filters, metric),
    queryFn: () => apiFetch<QualityMemoryResponse>(compareUrl("quality-memory", { ...filters, metric })),
    placeholderData: keepPreviousData,
  });
}

export function useThroughputByHardware(filters: CompareFilters) {
  return useQuery({
    queryKey: compareKeys.throughputByHardware(filters),
    queryFn: () => apiFetch<ThroughputResponse>(compareUrl("throughput-by-hardware", filters)),
    placeholderData: keepPreviousData,
  });
}

export function useRankQuality(filters: CompareFilters) {
  return useQuery({
    queryKey: compareKeys.rankQuality(filters),
    queryFn: () => apiFetch<RankQualityResponse>(compareUrl("rank-quality", filters)),
    placeholderData: keepPreviousData,
  });
}

export function useMemoryBySize(filters: CompareFilters) {
  return useQuery({
    queryKey: compareKeys.memoryBySize(filters),
    queryFn: () => apiFetch<MemoryBySizeResponse>(compareUrl("memory-by-size", filters)),
    placeholderData: keepPreviousData,
  });
}

export function useTargetModules(filters: CompareFilters) {
  return useQuery({
    queryKey: compareKeys.targetModules(filters),
    queryFn: () => apiFetch<TargetModulesResponse>(compareUrl("target-modules", filters)),
    placeholderData: keepPreviousData,
  });
}

/** Metric histories of up to six runs, each downsampled by the server to at most maxPoints. */
export function useLossCurves(runIds: string[], key: string, maxPoints: number) {
  return useQuery({
    queryKey: compareKeys.lossCurves(runIds, key, maxPoints),
    queryFn: () => apiFetch<LossCurvesResponse>(compareUrl("loss-curves", { runIds, key, maxPoints })),
    enabled: runIds.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useRunDiff(ids: string[]) {
  return useQuery({
    queryKey: compareKeys.diff(ids),
    queryFn: () => apiFetch<DiffResponse>(compareUrl("diff", { ids })),
    enabled: ids.length >= 2,
  });
}
