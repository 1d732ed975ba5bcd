import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PlanWorkbench } from "@/components/plan/plan-workbench";
import { planFromSearchParams, planToPredictInput } from "@/components/plan/plan-params";
import { makeQueryClient } from "@/lib/query/client";
import { catalogKeys, predictKeys } from "@/lib/query/keys";
import { predictConfigSchema } from "@/lib/schemas/predict";
import { listHardware, listModels } from "@/lib/server/catalog";
import { predictConfig } from "@/lib/server/predict/predict";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Plan a run" };

export default async function PlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The prediction for the plan in the URL is prefetched, so a shared link paints its numbers at once.
  const input = planToPredictInput(planFromSearchParams(await searchParams));
  const parsed = predictConfigSchema.safeParse(input);
  const queryClient = makeQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: catalogKeys.models, queryFn: async () => ({ items: await listModels() }) }),
    queryClient.prefetchQuery({ queryKey: catalogKeys.hardware, queryFn: async () => ({ items: await listHardware() }) }),
    // An invalid or uncatalogued plan is left to the client, which shows its issues on the form.
    parsed.success ? queryClient.prefetchQuery({ queryKey: predictKeys.prediction(input), queryFn: () => predictConfig(parsed.data) }) : null,
  ]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Plan a fine-tuning run</h1>
          <p className="muted">
            Peak memory per GPU (GB = 10⁹ bytes), fit on every catalogued GPU, throughput, time, cost and quality, updated as you change the configuration. The form is
            in the URL, so a plan can be shared by link.
          </p>
        </div>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <PlanWorkbench />
      </HydrationBoundary>
    </>
  );
}
