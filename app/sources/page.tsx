import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { SourceList } from "@/components/sources/source-list";
import { makeQueryClient } from "@/lib/query/client";
import { sourceKeys } from "@/lib/query/keys";
import { listSources } from "@/lib/server/sources";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: sourceKeys.all, queryFn: async () => ({ items: await listSources() }) });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sources</h1>
          <p className="muted">The articles the benchmark database was read from, with every table cell kept verbatim.</p>
        </div>
        <Link className="button" href="/disagreements">Where the sources disagree</Link>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SourceList />
      </HydrationBoundary>
    </>
  );
}
