"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { runKeys } from "@/lib/query/keys";
import { MAX_METRIC_PAGE_POINTS, type MetricSeries } from "@/lib/schemas/run";

/**
 * Every point of a run with its timestamp, for the run chart's relative-time axis: the downsampled read the chart
 * draws from leaves timestamps out. One page only, so `enabled` must hold only when the run has at most
 * MAX_METRIC_PAGE_POINTS points in all. Under runKeys.metrics(id), so a refresh of the run's metrics refreshes it too.
 */
export function useRunTimedMetrics(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...runKeys.metrics(id), "timed"] as const,
    queryFn: () => apiFetch<{ series: MetricSeries[] }>(`/api/runs/${encodeURIComponent(id)}/metrics?limit=${MAX_METRIC_PAGE_POINTS}`),
    enabled,
  });
}
