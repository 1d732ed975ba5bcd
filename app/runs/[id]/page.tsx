import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RunView } from "@/components/runs/run-view";
import { ApiError } from "@/lib/api/errors";
import { makeQueryClient } from "@/lib/query/client";
import { runArtifactsKey } from "@/lib/query/artifact-keys";
import { runKeys } from "@/lib/query/keys";
import { RUN_CHART_MAX_POINTS } from "@/lib/schemas/run";
import { listRunArtifacts } from "@/lib/server/artifacts";
import { listMetricSeries } from "@/lib/server/runs/metrics";
import { getRunOrThrow } from "@/lib/server/runs/read-runs";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// One database read per request, shared by generateMetadata and the page; a missing id becomes a 404.
const loadRun = cache(async (id: string) => {
  try {
    return await getRunOrThrow(id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await loadRun(id)).name };
}

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const queryClient = makeQueryClient();
  const run = await loadRun(id);
  queryClient.setQueryData(runKeys.detail(id), run);
  try {
    if (run.metricKeys.length) queryClient.setQueryData(runKeys.metrics(id), await listMetricSeries(id, { maxPoints: RUN_CHART_MAX_POINTS }));
    queryClient.setQueryData(runArtifactsKey(id), { items: await listRunArtifacts(id) });
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RunView id={id} />
    </HydrationBoundary>
  );
}
