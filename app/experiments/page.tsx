import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ExperimentsManager } from "@/components/experiments/experiments-manager";
import { makeQueryClient } from "@/lib/query/client";
import { experimentKeys } from "@/lib/query/keys";
import { listExperiments } from "@/lib/server/experiments";

export const metadata: Metadata = { title: "Experiments" };

export default async function ExperimentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const includeArchived = (await searchParams).archived === "true";
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: experimentKeys.list(includeArchived), queryFn: async () => ({ items: await listExperiments({ includeArchived }) }) });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p className="muted">
            Groups of runs (MLflow&apos;s experiments, W&amp;B&apos;s projects). Runs logged without one go to Default; an MLflow client names its
            experiment with MLFLOW_EXPERIMENT_NAME. Archiving keeps an experiment&apos;s runs and refuses new ones.
          </p>
        </div>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ExperimentsManager />
      </HydrationBoundary>
    </>
  );
}
