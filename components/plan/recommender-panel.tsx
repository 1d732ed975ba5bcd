"use client";
import { type FormEvent, useState } from "react";
import { ApiClientError } from "@/lib/api/client";
import { useHardware, useModels } from "@/lib/hooks/use-catalog";
import { useRecommendations } from "@/lib/hooks/use-predict";
import { METHOD_COLORS } from "@/lib/methods";
import { formatDuration, formatNumber } from "@/lib/runs/format";
import { PRIORITIES, type Recommendation, type RecommendRequestInput, TASK_COMPLEXITIES } from "@/lib/schemas/predict";
import { METHOD_LABELS } from "@/lib/schemas/run";
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
    setRequest({ ...inputs, seqLen: plan.seqLen ?? 2048, epochs: plan.epochs ?? 1, framework: plan.framework, topN: 5 });
  };

  const error = recommendations.error;
  return (
    <section className="card" aria-labelledby="plan-recommend-heading" data-testid="recommender">
      <h2 id="plan-recommend-heading">Recommend a configuration</h2>
      <p className="muted small">
        Candidates come from the seeded guidance (decision guide, rank and target-module tables of &ldquo;LoRA vs QLoRA vs Full Fine-Tuning&rdquo;) for full fine-tuning, LoRA and
        QLoRA, with and without gradient checkpointing. Each is predicted as the form is (framework defaults, calibrated speed), sized to fit the GPU with room for the
        estimate&rsquo;s error at the largest micro-batch, with gradient accumulation up to 16 sequences per step, and ranked by your priority. Sequence length, epochs and
        framework come from the form. Highlighted settings differ from the first card.
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
          <p className="empty-state">Nothing fits this GPU with room for the estimate&rsquo;s error, even with QLoRA, gradient checkpointing and batch 1. Try more GPUs or a smaller model.</p>
        ) : (
          <ol className="plan-recommendations" data-testid="recommendations">
            {recommendations.data.items.map((item) => <RecommendationCard key={item.position} item={item} onApply={onApply} />)}
          </ol>
        )
      ) : null}
    </section>
  );
}

const FIELD_LABELS: Record<Recommendation["differences"][number], string> = {
  method: "Method",
  rank: "Rank",
  targetModules: "Modules",
  batchSize: "Batch",
  gradientAccumulation: "Accumulation",
  gradientCheckpointing: "Checkpointing",
  optimizer: "Optimizer",
  sharding: "Sharding",
};
const VERDICT_CLASS = { fits: "plan-fit-yes", "may-not-fit": "plan-fit-maybe", "does-not-fit": "plan-fit-no" } as const;

/** One card: its settings (those that differ from the first card highlighted), its fit, speed, cost and quality. */
function RecommendationCard({ item, onApply }: { item: Recommendation; onApply: (config: Recommendation["config"]) => void }) {
  const { config } = item;
  const isAdapter = config.method !== "full";
  const rows: { field: Recommendation["differences"][number]; value: string }[] = [
    { field: "method", value: METHOD_LABELS[config.method] },
    ...(isAdapter
      ? [
          { field: "rank" as const, value: `r=${config.rank}` },
          { field: "targetModules" as const, value: config.targetModules.join(", ") },
        ]
      : []),
    { field: "batchSize", value: `${config.batchSize} per GPU` },
    { field: "gradientAccumulation", value: `× ${config.gradientAccumulation} = ${item.effectiveBatch} sequences/step` },
    { field: "gradientCheckpointing", value: config.gradientCheckpointing ? "on" : "off" },
    { field: "optimizer", value: config.optimizer },
    ...(config.gpuCount > 1 ? [{ field: "sharding" as const, value: config.sharding }] : []),
  ];
  return (
    <li className="plan-recommendation" data-testid="recommendation" data-method={config.method} data-rank={config.rank}>
      <div className="plan-recommendation-head">
        <span className="method-dot" style={{ background: METHOD_COLORS[config.method] }} aria-hidden />
        <strong>{item.position}. {item.label}</strong>
      </div>
      <div className={`small ${VERDICT_CLASS[item.fit.kind]}`} data-testid="recommendation-fit">{item.fit.text}</div>
      <dl className="plan-recommendation-settings small">
        {rows.map(({ field, value }) => {
          const differs = item.differences.includes(field);
          return (
            <div key={field} className={differs ? "is-different" : undefined} data-differs={differs || undefined}>
              <dt>{FIELD_LABELS[field]}</dt>
              <dd>{value}{differs ? <span className="visually-hidden"> (differs from card 1)</span> : null}</dd>
            </div>
          );
        })}
      </dl>
      <div className="small">
        {formatNumber(Math.round(item.tokensPerSec))} tokens/s · {formatDuration(item.seconds)} · ${item.costUsd < 100 ? item.costUsd.toFixed(2) : formatNumber(Math.round(item.costUsd))}
        {item.quality.mtBench ? ` · MT-Bench ${item.quality.mtBench.point.toFixed(2)} (${item.quality.mtBench.low.toFixed(2)}–${item.quality.mtBench.high.toFixed(2)})` : ""}
        {item.quality.mmlu ? ` · MMLU ${item.quality.mmlu.point.toFixed(1)} %` : ""}
      </div>
      <div className="plan-recommendation-actions">
        <button type="button" onClick={() => onApply(config)}>Use this</button>
      </div>
      <details>
        <summary className="small">Why</summary>
        <ul className="small">{item.reasoning.map((line) => <li key={line}>{line}</li>)}</ul>
      </details>
    </li>
  );
}
