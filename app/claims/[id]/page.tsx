import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ClaimDetail } from "@/components/sources/claim-detail";
import { ApiError } from "@/lib/api/errors";
import { makeQueryClient } from "@/lib/query/client";
import { claimKeys, sourceKeys } from "@/lib/query/keys";
import { getClaimOrThrow, listSources } from "@/lib/server/sources";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// One database read per request, shared by generateMetadata and the page; a missing id becomes a 404.
const loadClaim = cache(async (id: string) => {
  try {
    return await getClaimOrThrow(id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await loadClaim(id)).title };
}

export default async function ClaimPage({ params }: Props) {
  const { id } = await params;
  const queryClient = makeQueryClient();
  queryClient.setQueryData(claimKeys.detail(id), await loadClaim(id));
  // The source list orders the columns by article and names the tables the quotes come from.
  await queryClient.prefetchQuery({ queryKey: sourceKeys.all, queryFn: async () => ({ items: await listSources() }) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ClaimDetail id={id} />
    </HydrationBoundary>
  );
}
