"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { runKeys } from "@/lib/query/keys";
import type { MetricSummaryResponse } from "@/lib/schemas/run-table";

/**
 * Every metric of a run summarised (GET /api/runs/{id}/metrics/summary), with the values at `step` when one is
 * given. Under runKeys.metrics(id), so a refresh of the run's metrics refreshes it too; the previous answer stays
 * on screen while another step loads.
 */
export function useMetricSummary(id: string, step: number | undefined, refetchInterval: number | false = false) {
  return useQuery({
    queryKey: [...runKeys.metrics(id), "summary", step ?? null] as const,
    // The answer carries the step it was asked for: while another step loads, the table still heads its column
    // with the step of the values it shows.
    queryFn: async () => ({
      ...(await apiFetch<MetricSummaryResponse>(`/api/runs/${encodeURIComponent(id)}/metrics/summary${step === undefined ? "" : `?step=${step}`}`)),
      step: step ?? null,
    }),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}
