import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { notFound } from "next/navigation";
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

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const queryClient = makeQueryClient();
  try {
    const run = await getRunOrThrow(id);
    queryClient.setQueryData(runKeys.detail(id), run);
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
