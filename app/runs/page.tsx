import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { RequiresWrite } from "@/components/auth/requires-write";
import { ExportButton } from "@/components/runs/export-button";
import { RunsBrowser } from "@/components/runs/runs-browser";
import { makeQueryClient } from "@/lib/query/client";
import { runKeys } from "@/lib/query/keys";
import { filtersFromSearchParams } from "@/lib/runs/filters";
import { listRuns } from "@/lib/server/runs/read-runs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = filtersFromSearchParams(await searchParams);
  // Only the first page of runs is rendered on the server: it is what the page must show first. The filters'
  // catalogs, sources and experiments (the experiments with run counts, a scan of every run) load from the API after
  // hydration; dehydrated into the page they were a fifth of its ~290 kB, all parsed before the first rows showed.
  const queryClient = makeQueryClient();
  await queryClient.prefetchInfiniteQuery({
    queryKey: runKeys.list(filters),
    queryFn: () => listRuns({ ...filters, cursor: undefined }).catch(() => ({ items: [], nextCursor: null, total: 0 })),
    initialPageParam: null,
  });
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
