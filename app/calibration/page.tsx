import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { CalibrationView } from "@/components/calibration/calibration-view";
import { makeQueryClient } from "@/lib/query/client";
import { predictKeys } from "@/lib/query/keys";
import { getCalibration } from "@/lib/server/predict/calibration";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calibration" };

export default async function CalibrationPage() {
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({ queryKey: predictKeys.calibration(), queryFn: () => getCalibration() });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>How good are the predictions?</h1>
          <p className="muted">
            First the published benchmark measurements, each source predicted by a calibration fitted on the other sources, with the 80 % intervals&apos;
            coverage; then the estimator&apos;s peak memory and throughput against what the seeded and logged runs measured, the quality fits&apos; leave-one-out
            error and every run a fit left out, with the reason. Memory is per GPU in GB (10⁹ bytes).
          </p>
        </div>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CalibrationView />
      </HydrationBoundary>
    </>
  );
}
