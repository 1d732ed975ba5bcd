import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ClaimList } from "@/components/sources/claim-list";
import { makeQueryClient } from "@/lib/query/client";
import { claimKeys, sourceKeys } from "@/lib/query/keys";
import { listClaims, listSources } from "@/lib/server/sources";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Disagreements" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DisagreementsPage({ searchParams }: Props) {
  const showAll = (await searchParams).all === "1";
  const queryClient = makeQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: claimKeys.list(!showAll), queryFn: async () => ({ items: await listClaims({ disagreeing: !showAll }) }) }),
    // Only for putting the sources in article order.
    queryClient.prefetchQuery({ queryKey: sourceKeys.all, queryFn: async () => ({ items: await listSources() }) }),
  ]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{showAll ? "All claims" : "Where the sources disagree"}</h1>
          <p className="muted">
            Questions several articles answer, with each article&apos;s answer quoted verbatim. Sources disagree when their numbers cannot both be
            true or they take different positions.
          </p>
        </div>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ClaimList showAll={showAll} />
      </HydrationBoundary>
    </>
  );
}
