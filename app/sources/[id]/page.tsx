import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SourceView } from "@/components/sources/source-view";
import { ApiError } from "@/lib/api/errors";
import { makeQueryClient } from "@/lib/query/client";
import { claimKeys, sourceKeys } from "@/lib/query/keys";
import { getSourceOrThrow, listClaims } from "@/lib/server/sources";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// One database read per request, shared by generateMetadata and the page; a missing id becomes a 404.
const loadSource = cache(async (id: string) => {
  try {
    return await getSourceOrThrow(id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await loadSource(id)).title };
}

export default async function SourcePage({ params }: Props) {
  const { id } = await params;
  const queryClient = makeQueryClient();
  const source = await loadSource(id);
  queryClient.setQueryData(sourceKeys.detail(id), source);
  await queryClient.prefetchQuery({ queryKey: claimKeys.list(false), queryFn: async () => ({ items: await listClaims() }) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <SourceView id={id} />
    </HydrationBoundary>
  );
}
