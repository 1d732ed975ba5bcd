"use client";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useHardware, useModels } from "@/lib/hooks/use-catalog";
import { useRecommendations } from "@/lib/hooks/use-predict";
import { METHOD_COLORS } from "@/lib/methods";
import { formatDuration, formatNumber } from "@/lib/runs/format";
import { PRIORITIES, type Recommendation, type RecommendRequestInput, TASK_COMPLEXITIES } from "@/lib/schemas/predict";
import { formatGb } from "./breakdown-terms";
import type { PlanState } from "./plan-params";

export type RecommenderPanelProps = { plan: PlanState; onApply: (config: Recommendation["config"]) => void };

type Inputs = { hardware: string; gpuCount: number; model: string; datasetSize: number; taskComplexity: (typeof TASK_COMPLEXITIES)[number]; priority: (typeof PRIORITIES)[number] };

const PRIORITY_LABELS: Record<Inputs["priority"], string> = { quality: "Quality", speed: "Speed", cost: "Cost" };

/** Ranked configurations for a GPU, model and dataset; "Use this" copies one into the form. */
export function RecommenderPanel({ plan, onApply }: RecommenderPanelProps) {
  const models = useModels();
  const hardware = useHardware();
  // GPU, count, model and dataset follow the form until edited here.
  const [overrides, setOverrides] = useState<Partial<Inputs>>({});
  const inputs: Inputs = {
    hardware: overrides.hardware ?? plan.hardware,
    gpuCount: overrides.gpuCount ?? plan.gpuCount ?? 1,
    model: overrides.model ?? plan.model,
    datasetSize: overrides.datasetSize ?? plan.datasetSize ?? 10_000,
    taskComplexity: overrides.taskComplexity ?? "simple",
    priority: overrides.priority ?? "quality",
  };
  const [request, setRequest] = useState<RecommendRequestInput | null>(null);
  const recommendations = useRecommendations(request);
  const set = (next: Partial<Inputs>) => setOverrides((current) => ({ ...current, ...next }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setRequest({ ...inputs, seqLen: plan.seqLen ?? 2048, epochs: plan.epochs ?? 1, topN: 5 });
  };

  const error = recommendations.error;
  return (
    <section className="card" aria-labelledby="plan-recommend-heading" data-testid="recommender">
      <h2 id="plan-recommend-heading">Recommend a configuration</h2>
      <p className="muted small">
        Candidates come from the seeded guidance (decision guide, rank and target-module tables of &ldquo;LoRA vs QLoRA vs Full Fine-Tuning&rdquo;), are made to fit within 95% of
        the GPU by the memory estimate, and are ranked by your priority on predicted time, cost and quality. Sequence length and epochs come from the form.
      </p>
      <form className="filters" onSubmit={onSubmit} aria-label="Recommender inputs">
        <label>
          GPU
          <select value={inputs.hardware} onChange={(event) => set({ hardware: event.target.value })} aria-label="Recommender GPU">
            {hardware.data?.items.map((gpu) => <option key={gpu.id} value={gpu.id}>{gpu.name} ({gpu.memoryGb} GB)</option>)}
          </select>
        </label>
        <label>
          GPUs
          <input type="number" min={1} max={4096} value={inputs.gpuCount} onChange={(event) => set({ gpuCount: Math.max(1, Number(event.target.value) || 1) })} aria-label="Recommender GPU count" />
        </label>
        <label>
          Model
          <select value={models.data?.items.find((m) => [m.id, m.hfId].includes(inputs.model))?.id ?? inputs.model} onChange={(event) => set({ model: event.target.value })} aria-label="Recommender model">
            {models.data?.items.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </label>
        <label>
          Dataset (examples)
          <input type="number" min={1} value={inputs.datasetSize} onChange={(event) => set({ datasetSize: Math.max(1, Number(event.target.value) || 1) })} aria-label="Recommender dataset size" />
        </label>
        <label>
          Task
          <select value={inputs.taskComplexity} onChange={(event) => set({ taskComplexity: event.target.value as Inputs["taskComplexity"] })} aria-label="Task complexity">
            {TASK_COMPLEXITIES.map((complexity) => <option key={complexity} value={complexity}>{complexity}</option>)}
          </select>
        </label>
        <label>
          Priority
          <select value={inputs.priority} onChange={(event) => set({ priority: event.target.value as Inputs["priority"] })} aria-label="Priority">
            {PRIORITIES.map((priority) => <option key={priority} value={priority}>{PRIORITY_LABELS[priority]}</option>)}
          </select>
        </label>
        <button type="submit" className="button-primary" disabled={recommendations.isFetching}>{recommendations.isFetching ? "Recommending…" : "Recommend"}</button>
      </form>
      {error ? (
        <div className="error-banner" role="alert">
          {error.message}
          {error instanceof ApiClientError && error.issues.length ? <ul>{error.issues.map((issue) => <li key={issue.path}>{issue.path}: {issue.message}</li>)}</ul> : null}
        </div>
      ) : null}
      {recommendations.data ? (
        recommendations.data.items.length === 0 ? (
          <p className="empty-state">Nothing fits within 95% of this GPU, even with QLoRA, gradient checkpointing and batch 1. Try more GPUs or a smaller model.</p>
        ) : (
          <ol className="plan-recommendations" data-testid="recommendations">
            {recommendations.data.items.map((item) => (
              <li key={item.label} className="plan-recommendation" data-testid="recommendation" data-method={item.config.method} data-rank={item.config.rank}>
                <div className="plan-recommendation-head">
                  <span className="method-dot" style={{ background: METHOD_COLORS[item.config.method] }} aria-hidden />
                  <strong>{item.position}. {item.label}</strong>
                  <button type="button" onClick={() => onApply(item.config)}>Use this</button>
                </div>
                <div className="small">
                  {formatGb(item.memoryGb)} per GPU · batch {item.config.batchSize}
                  {item.config.gradientCheckpointing ? " · checkpointing" : ""} · {item.config.optimizer} · {formatDuration(item.seconds)} · ${formatNumber(item.costUsd)}
                  {item.quality.mtBench ? ` · MT-Bench ${item.quality.mtBench.point.toFixed(2)} (${item.quality.mtBench.low.toFixed(2)}–${item.quality.mtBench.high.toFixed(2)})` : ""}
                  {item.quality.mmlu ? ` · MMLU ${item.quality.mmlu.point.toFixed(1)} %` : ""}
                </div>
                <details>
                  <summary className="small">Why</summary>
                  <ul className="small">{item.reasoning.map((line) => <li key={line}>{line}</li>)}</ul>
                </details>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
