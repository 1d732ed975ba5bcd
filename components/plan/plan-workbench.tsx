"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { QueryStatus } from "@/components/sources/query-status";
import { ApiClientError } from "@/lib/api/client";
import { useHardware } from "@/lib/hooks/use-catalog";
import { usePrediction } from "@/lib/hooks/use-predict";
import { formatNumber } from "@/lib/runs/format";
import { predictConfigSchema, type Recommendation } from "@/lib/schemas/predict";
import { GpuFitsList } from "./gpu-fits-list";
import { LogPlannedRun } from "./log-planned-run";
import { MemoryBreakdownChart } from "./memory-breakdown-chart";
import { MemorySweepChart } from "./memory-sweep-chart";
import { PlanForm } from "./plan-form";
import { type PlanState, planFromRecommendation, planFromSearchParams, planToPredictInput, planToSearchParams } from "./plan-params";
import { PredictionSummary } from "./prediction-summary";
import { QualityEstimate } from "./quality-estimate";
import { ReasoningList } from "./reasoning-list";
import { RecommenderPanel } from "./recommender-panel";

/** Typing pauses shorter than this do not send a request: one prediction per settled change. */
const DEBOUNCE_MS = 250;
const RANKS = [4, 8, 16, 32, 64, 128, 256];
const SEQ_LENS = [256, 512, 1024, 2048, 4096, 8192, 16384, 32768];
const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64];

function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** /plan's interactive part: the form, live predictions and sweeps, the recommender and "log as planned run". */
export function PlanWorkbench() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const [plan, setPlan] = useState<PlanState>(() => planFromSearchParams(new URLSearchParams(searchParams.toString())));
  const settled = useDebouncedValue(plan, DEBOUNCE_MS);
  const hardware = useHardware();

  // The settled plan goes into the URL with the native history API: shareable, and no server round trip.
  useEffect(() => {
    const query = planToSearchParams(settled).toString();
    if (query !== window.location.search.replace(/^\?/, "")) window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
  }, [settled, pathname]);

  const input = useMemo(() => planToPredictInput(settled), [settled]);
  const parsed = useMemo(() => predictConfigSchema.safeParse(input), [input]);
  const prediction = usePrediction(parsed.success ? input : null);
  const validInput = parsed.success ? input : null;

  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  if (prediction.error instanceof ApiClientError) for (const issue of prediction.error.issues) errors[issue.path.split(".")[0] ?? "form"] ??= issue.message;

  const gpuRow = hardware.data?.items.find((gpu) => gpu.id === settled.hardware);
  const gpu = gpuRow ? { id: gpuRow.id, name: gpuRow.name, memoryGb: gpuRow.memoryGb } : null;
  const onChange = (next: Partial<PlanState>) => setPlan((current) => ({ ...current, ...next }));
  const onApply = (config: Recommendation["config"]) => {
    setPlan((current) => planFromRecommendation(current, config));
    document.getElementById("plan-form-heading")?.scrollIntoView({ behavior: "smooth" });
  };
  // The last good prediction stays on screen while the form is invalid or a new one is on its way.
  const data = prediction.data;
  const isStale = !parsed.success || prediction.isPlaceholderData || prediction.isFetching;
  const chartQuery = { isPending: prediction.isPending && !data && parsed.success, isFetching: prediction.isFetching, error: data ? null : prediction.error };

  return (
    <div className="stack">
      <div className="plan-layout">
        <div>
          <h2 id="plan-form-heading" className="visually-hidden">Configuration</h2>
          <PlanForm plan={plan} onChange={onChange} errors={errors} />
        </div>
        <div className="stack plan-results-column">
          <div className="stack plan-results" aria-live="polite" aria-busy={isStale || undefined} data-stale={isStale || undefined}>
            {!parsed.success ? (
              <div className="error-banner" role="alert" data-testid="plan-invalid">
                Fix the configuration: {Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join("; ")}
              </div>
            ) : null}
            {prediction.error ? <div className="error-banner" role="alert">Could not predict: {prediction.error.message}</div> : null}
            {data ? (
              <PredictionSummary
                prediction={data}
                gpu={gpu}
                gpuCount={settled.gpuCount ?? 1}
                datasetLabel={settled.datasetSize ? `${formatNumber(settled.datasetSize)} examples × ${formatNumber(settled.epochs)} epoch(s)` : null}
              />
            ) : (
              <QueryStatus what="the prediction" isPending={chartQuery.isPending} error={null} />
            )}
          </div>
          {/* Right under the headline numbers, before the breakdown and the sweeps: the answer most people came for. */}
          <RecommenderPanel plan={settled} onApply={onApply} />
          {data ? (
            <>
              <MemoryBreakdownChart breakdown={data.memory.breakdown} totalGb={data.memory.totalGb} gpu={gpu} query={chartQuery} />
              <div className="grid-2">
                <GpuFitsList fits={data.fits} memory={data.memory} chosenId={gpu?.id ?? null} />
                <QualityEstimate quality={data.quality} />
              </div>
              <ReasoningList reasoning={data.reasoning} defaults={data.defaults} />
            </>
          ) : null}
          <LogPlannedRun plan={settled} prediction={data} isValid={parsed.success} />
        </div>
      </div>
      <section aria-labelledby="plan-sweeps-heading" className="stack">
        <h2 id="plan-sweeps-heading">Sweeps</h2>
        <div className="compare-grid plan-sweeps">
          <MemorySweepChart field="rank" values={RANKS} axisLabel="LoRA rank r (log₂ scale)" base={validInput} gpu={gpu} notApplicable={settled.method === "full" ? "Rank does not apply to full fine-tuning: switch to LoRA or QLoRA." : null} />
          <MemorySweepChart field="seqLen" values={SEQ_LENS} axisLabel="Sequence length (tokens, log₂ scale)" base={validInput} gpu={gpu} />
          <MemorySweepChart field="batchSize" values={BATCH_SIZES} axisLabel="Batch size per GPU (log₂ scale)" base={validInput} gpu={gpu} />
        </div>
      </section>
    </div>
  );
}
