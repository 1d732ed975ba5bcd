import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { preload } from "react-dom";
import { LOSS_CURVE_MAX_POINTS, compareViewFromSearchParams } from "@/components/compare/compare-params";
import { CompareDashboard } from "@/components/compare/compare-dashboard";
import { toSearchParams } from "@/lib/api/client";
import { makeQueryClient } from "@/lib/query/client";
import { catalogKeys, compareKeys } from "@/lib/query/keys";
import { listHardware, listModels } from "@/lib/server/catalog";
import { getLossCurves } from "@/lib/server/compare/loss-curves";
import { getTargetModules } from "@/lib/server/compare/target-modules";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const view = compareViewFromSearchParams(await searchParams);
  const { filters } = view;
  // The four aggregate charts are not prefetched into the page: at 100,000 runs their answers are ~1.4 MB of JSON,
  // and dehydrated into the page they made it a 1.75 MB document that Chromium parsed for over a second before
  // anything was interactive. Instead the page asks the browser to preload their API answers (the same URLs the
  // charts' hooks in lib/hooks/use-compare.ts fetch, so fetch() takes the preloaded response): the server computes
  // them while the browser loads the scripts and hydrates, and they arrive as plain JSON. Grouped charts read other
  // endpoints and are left to their hooks. What is small and cheap is still prefetched: the model and GPU catalogs
  // and the target-modules chart (a few rows), plus the picked runs' loss curves. The sources and the experiments
  // (whose run counts scan every run) load from the API like the rest of the filters' lists.
  const rankFilters = filters.model || !view.rankModel ? filters : { ...filters, model: view.rankModel };
  // At low priority, the same as the page's async scripts and listed after them, so the browser asks for the scripts
  // first: the server computes the answers on one thread, and at the default (high) priority these four were sent
  // first and held the scripts (and so hydration) back until all four were computed. Now the answers are computed
  // while the browser runs the scripts.
  const preloadCompare = (endpoint: string, query: Record<string, unknown>) =>
    preload(`/api/compare/${endpoint}?${toSearchParams(query)}`, { as: "fetch", crossOrigin: "anonymous", fetchPriority: "low" });
  if (!view.groupBy.length) {
    preloadCompare("quality-memory", { ...filters, metric: view.metric });
    preloadCompare("rank-quality", rankFilters);
  }
  preloadCompare("throughput-by-hardware", filters);
  preloadCompare("memory-by-size", filters);
  const queryClient = makeQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: catalogKeys.models, queryFn: async () => ({ items: await listModels() }) }),
    queryClient.prefetchQuery({ queryKey: catalogKeys.hardware, queryFn: async () => ({ items: await listHardware() }) }),
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
