import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { RequiresWrite } from "@/components/auth/requires-write";
import { ExportButton } from "@/components/runs/export-button";
import { RunsBrowser } from "@/components/runs/runs-browser";
import { makeQueryClient } from "@/lib/query/client";
import { catalogKeys, experimentKeys, runKeys, sourceKeys } from "@/lib/query/keys";
import { filtersFromSearchParams } from "@/lib/runs/filters";
import { listHardware, listModels } from "@/lib/server/catalog";
import { listRuns } from "@/lib/server/runs/read-runs";
import { listExperiments } from "@/lib/server/experiments";
import { listSources } from "@/lib/server/sources";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = filtersFromSearchParams(await searchParams);
  const queryClient = makeQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery({
      queryKey: runKeys.list(filters),
      queryFn: () => listRuns({ ...filters, cursor: undefined }).catch(() => ({ items: [], nextCursor: null, total: 0 })),
      initialPageParam: null,
    }),
    queryClient.prefetchQuery({ queryKey: catalogKeys.models, queryFn: async () => ({ items: await listModels() }) }),
    queryClient.prefetchQuery({ queryKey: catalogKeys.hardware, queryFn: async () => ({ items: await listHardware() }) }),
    queryClient.prefetchQuery({ queryKey: sourceKeys.all, queryFn: async () => ({ items: await listSources() }) }),
    queryClient.prefetchQuery({ queryKey: experimentKeys.list(true), queryFn: async () => ({ items: await listExperiments({ includeArchived: true }) }) }),
  ]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <p className="muted">Fine-tuning runs logged by the team and reference runs read from the seeded articles and from training frameworks’ published measurements.</p>
        </div>
        <div className="row">
          <ExportButton />
          <RequiresWrite action="log a run">
            <Link className="button button-primary" href="/runs/new">Log a run</Link>
          </RequiresWrite>
        </div>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RunsBrowser />
      </HydrationBoundary>
    </>
  );
}
