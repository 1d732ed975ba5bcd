import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { LOSS_CURVE_MAX_POINTS, compareViewFromSearchParams } from "@/components/compare/compare-params";
import { CompareDashboard } from "@/components/compare/compare-dashboard";
import { makeQueryClient } from "@/lib/query/client";
import { catalogKeys, compareKeys, experimentKeys, sourceKeys } from "@/lib/query/keys";
import { listHardware, listModels } from "@/lib/server/catalog";
import { getLossCurves } from "@/lib/server/compare/loss-curves";
import { getMemoryBySize } from "@/lib/server/compare/memory-by-size";
import { getQualityMemory } from "@/lib/server/compare/quality-memory";
import { getRankQuality } from "@/lib/server/compare/rank-quality";
import { getTargetModules } from "@/lib/server/compare/target-modules";
import { getThroughputByHardware } from "@/lib/server/compare/throughput";
import { listExperiments } from "@/lib/server/experiments";
import { listSources } from "@/lib/server/sources";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const view = compareViewFromSearchParams(await searchParams);
  const { filters } = view;
  const rankFilters = filters.model || !view.rankModel ? filters : { ...filters, model: view.rankModel };
  // Every chart's aggregation is prefetched in parallel (tens of milliseconds each), so the charts draw on
  // hydration instead of after a second round trip. A failed prefetch is left to the client, which shows its error.
  const queryClient = makeQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: catalogKeys.models, queryFn: async () => ({ items: await listModels() }) }),
    queryClient.prefetchQuery({ queryKey: catalogKeys.hardware, queryFn: async () => ({ items: await listHardware() }) }),
    queryClient.prefetchQuery({ queryKey: sourceKeys.all, queryFn: async () => ({ items: await listSources() }) }),
    queryClient.prefetchQuery({ queryKey: experimentKeys.list(true), queryFn: async () => ({ items: await listExperiments({ includeArchived: true }) }) }),
    queryClient.prefetchQuery({ queryKey: compareKeys.qualityMemory(filters, view.metric), queryFn: () => getQualityMemory({ ...filters, metric: view.metric }) }),
    queryClient.prefetchQuery({ queryKey: compareKeys.throughputByHardware(filters), queryFn: () => getThroughputByHardware(filters) }),
    queryClient.prefetchQuery({ queryKey: compareKeys.rankQuality(rankFilters), queryFn: () => getRankQuality(rankFilters) }),
    queryClient.prefetchQuery({ queryKey: compareKeys.memoryBySize(filters), queryFn: () => getMemoryBySize(filters) }),
    queryClient.prefetchQuery({ queryKey: compareKeys.targetModules(filters), queryFn: () => getTargetModules(filters) }),
    view.runs.length
      ? queryClient.prefetchQuery({ queryKey: compareKeys.lossCurves(view.runs, view.lossKey, LOSS_CURVE_MAX_POINTS), queryFn: () => getLossCurves({ runIds: view.runs, key: view.lossKey, maxPoints: LOSS_CURVE_MAX_POINTS }) })
      : null,
  ]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Compare full fine-tuning, LoRA and QLoRA</h1>
          <p className="muted">
            Charts over the runs that match the filters: the same filters as the runs table, kept in the URL so a view can be shared by link.
          </p>
        </div>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CompareDashboard />
      </HydrationBoundary>
    </>
  );
}
