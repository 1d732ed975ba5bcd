import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { LOSS_CURVE_MAX_POINTS, compareViewFromSearchParams, parseRunIds } from "@/components/compare/compare-params";
import { RunDiff } from "@/components/compare/run-diff";
import { makeQueryClient } from "@/lib/query/client";
import { compareKeys } from "@/lib/query/keys";
import { diffRuns } from "@/lib/server/compare/diff";
import { getLossCurves } from "@/lib/server/compare/loss-curves";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare runs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CompareDiffPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ids = parseRunIds([params.ids].flat()[0]);
  const { lossKey } = compareViewFromSearchParams(params);
  const queryClient = makeQueryClient();
  if (ids.length >= 2) {
    await Promise.all([
      queryClient.prefetchQuery({ queryKey: compareKeys.diff(ids), queryFn: () => diffRuns(ids) }),
      queryClient.prefetchQuery({ queryKey: compareKeys.lossCurves(ids, lossKey, LOSS_CURVE_MAX_POINTS), queryFn: () => getLossCurves({ runIds: ids, key: lossKey, maxPoints: LOSS_CURVE_MAX_POINTS }) }),
    ]);
  }
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Compare runs side by side</h1>
          <p className="muted">Every configuration field and outcome of the selected runs; fields that differ are highlighted.</p>
        </div>
        <Link className="button" href={ids.length ? `/compare?runs=${ids.map(encodeURIComponent).join(",")}` : "/compare"}>Back to charts</Link>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RunDiff />
      </HydrationBoundary>
    </>
  );
}
