"use client";
import Link from "next/link";
import { RequiresWrite } from "@/components/auth/requires-write";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { PredictedVsMeasured, hasMeasuredOutcome } from "@/components/calibration/predicted-vs-measured";
import { LossCurveChart } from "@/components/charts/loss-curve-chart";
import { CommentThread } from "@/components/collab/comment-thread";
import { ReviewPanel } from "@/components/collab/review-panel";
import { ReviewStatusBadge } from "@/components/collab/review-status-badge";
import { RunHistory } from "@/components/collab/run-history";
import { useDeleteRun, useRun, useRunMetrics } from "@/lib/hooks/use-runs";
import { runKeys } from "@/lib/query/keys";
import { LIVE_REFETCH_MS, liveRefetchInterval } from "@/lib/runs/liveness";
import { PEAK_MEMORY_MEASURE_LABELS, formatDuration, formatMemory, formatMemoryConversion, formatMemoryScope, formatNumber, formatParams, formatThroughput } from "@/lib/runs/format";
import { ATTENTION_LABELS, type RunDetail, SHARDING_LABELS, TRAINING_OVERRIDES, TRAINING_SETTING_LABELS } from "@/lib/schemas/run";
import { EstimateBadge } from "./estimate-badge";
import { MetricSummaryTable } from "./metric-summary-table";
import { SourceLocation } from "@/components/sources/source-location";
import { ImportDropZone } from "@/components/imports/import-drop-zone";
import { MethodBadge } from "./method-badge";
import { RawKeyValues } from "./raw-key-values";
import { RunStatusBadge } from "./run-status-badge";
import { RunArtifacts } from "./run-artifacts";
import { SourceBadge } from "./source-badge";

export type RunViewProps = { id: string };

const yesNo = (value: boolean | null) => (value === null ? "—" : value ? "yes" : "no");
/** A training setting left unset is decided by the framework (lib/predict/frameworks.ts), which the page says. */
const onOffDefault = (value: boolean | null) => (value === null ? <span className="muted">framework default</span> : value ? "on" : "off");

function FieldList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="fields-list">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === "" ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function configurationRows(run: RunDetail): [string, ReactNode][] {
  return [
    ["Base model", run.modelId ? `${run.modelName} (${run.model})` : run.modelName],
    ["Parameters", formatParams(run.modelParams)],
    ["LoRA rank", run.rank],
    ["LoRA alpha", formatNumber(run.loraAlpha)],
    ["LoRA dropout", formatNumber(run.loraDropout)],
    ["Target modules", run.targetModules?.join(", ")],
    ["Quantization", run.quantization === "none" ? "none" : `${run.quantization}${run.doubleQuant ? " + double quant" : ""}`],
    ["Compute dtype", run.precision],
    ["Hardware", run.hardwareName ?? run.hardwareLabel],
    ["GPU count", run.gpuCount],
    ["Batch size", run.batchSize],
    ["Gradient accumulation", run.gradientAccumulation],
    ["Sequence length", run.seqLen],
    ["Gradient checkpointing", yesNo(run.gradientCheckpointing)],
    ["Attention", run.attention ? ATTENTION_LABELS[run.attention] : null],
    ["Sharding", run.sharding ? SHARDING_LABELS[run.sharding] : null],
    ["Optimizer", run.optimizer],
    ["Framework", run.framework ?? <span className="muted">not recorded</span>],
    ...TRAINING_OVERRIDES.map((name): [string, ReactNode] => [TRAINING_SETTING_LABELS[name], onOffDefault(run[name])]),
    ["Learning rate", run.learningRate],
    ["Epochs", run.epochs],
    ["Dataset", run.datasetName ? `${run.datasetName}${run.datasetSize ? ` (${formatNumber(run.datasetSize)} examples)` : ""}` : null],
  ];
}

function outcomeRows(run: RunDetail): [string, ReactNode][] {
  return [
    ["Out of memory", run.oom ? <span className="badge badge-oom">OOM</span> : "no"],
    ["Peak memory", formatMemory(run)],
    ["Memory as printed", formatMemoryConversion(run)],
    ["Memory measured", run.peakMemoryMeasure ? PEAK_MEMORY_MEASURE_LABELS[run.peakMemoryMeasure] : null],
    ["Memory scope", formatMemoryScope(run)],
    ["Estimate", run.isEstimate ? <EstimateBadge /> : "no: a measurement or a claim"],
    ["Throughput", run.throughputTokensPerSec !== null ? `${formatThroughput(run)} · ${formatNumber(run.throughputTokensPerSec)} tokens/s` : formatThroughput(run)],
    ["Trainable parameters", formatParams(run.trainableParams)],
    ["MT-Bench", formatNumber(run.mtBench)],
    ["MMLU", run.mmlu === null ? null : `${formatNumber(run.mmlu)} %`],
    ["Train loss", formatNumber(run.trainLoss)],
    ["Eval loss", formatNumber(run.evalLoss)],
    ["Wall time", formatDuration(run.wallTimeSec)],
    ["Cost", run.costUsd === null ? null : `$${formatNumber(run.costUsd)}`],
  ];
}

export function RunView({ id }: RunViewProps) {
  const router = useRouter();
  const run = useRun(id);
  // The curve polls at the run's own pace (live, stale or not at all), and once more when the run ends, for the
  // points logged between the last poll and the end.
  const liveInterval = run.data ? liveRefetchInterval([run.data], Date.now()) : false;
  const metrics = useRunMetrics(id, Boolean(run.data?.metricKeys.length), liveInterval);
  const deleteRun = useDeleteRun();
  const queryClient = useQueryClient();
  const status = run.data?.status;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (status === "running") wasRunning.current = true;
    else if (status && wasRunning.current) {
      wasRunning.current = false;
      void queryClient.invalidateQueries({ queryKey: runKeys.metrics(id) });
    }
  }, [status, id, queryClient]);

  if (run.isPending) return <p className="muted">Loading run…</p>;
  if (run.isError) return <div className="error-banner" role="alert">{run.error.message}</div>;
  const data = run.data;

  async function onDelete() {
    if (!window.confirm(`Delete "${data.name}"? It leaves every list and chart; an admin can restore it.`)) return;
    await deleteRun.mutateAsync(data.id);
    router.push("/runs");
  }

  return (
    <article className="stack">
      <div className="page-header">
        <div>
          <h1>{data.name}</h1>
          <div className="row">
            <MethodBadge method={data.method} />
            <SourceBadge source={data.source} />
            {data.isEstimate ? <EstimateBadge /> : null}
            <Link className="small" href={`/runs?experiment=${encodeURIComponent(data.experimentId)}`} data-testid="run-experiment">Experiment: {data.experimentName}</Link>
            <RunStatusBadge run={data} />
            <ReviewStatusBadge status={data.reviewStatus} isBaseline={data.isBaseline} isReference={data.source !== null} />
            {data.tags.map((tag) => <Link key={tag} className="badge" href={`/runs?tag=${encodeURIComponent(tag)}`}>#{tag}</Link>)}
          </div>
        </div>
        <div className="row">
          <RequiresWrite action="edit or delete this run">
            <Link className="button" href={`/runs/${data.id}/edit`}>Edit</Link>
            <button type="button" className="button-danger" onClick={() => void onDelete()} disabled={deleteRun.isPending}>Delete</button>
          </RequiresWrite>
        </div>
      </div>
      {data.notes ? <p className="notice">{data.notes}</p> : null}
      <RequiresWrite action="import files into this run">
        <ImportDropZone runId={data.id} />
      </RequiresWrite>
      <div className="grid-2">
        <section className="card" aria-labelledby="config-heading">
          <h2 id="config-heading">Configuration</h2>
          <FieldList rows={configurationRows(data)} />
        </section>
        <section className="card" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">Outcomes</h2>
          <FieldList rows={outcomeRows(data)} />
        </section>
      </div>
      {hasMeasuredOutcome(data) ? <PredictedVsMeasured run={data} /> : null}
      {data.source ? (
        <section className="card" aria-labelledby="provenance-heading">
          <h2 id="provenance-heading">Where this comes from</h2>
          <p>
            Read from <Link href={`/sources/${data.source.id}`}>{data.source.title}</Link>
            {data.source.kind === "measurement" ? " (a framework's published measurements)" : ""}. The cells, exactly as printed:
          </p>
          <SourceLocation source={data.source} />
          {data.quotedRows?.map((quoted) => (
            <div key={`${quoted.tableId}-${quoted.row}`} className="data-table-wrap">
              <table className="data-table quoted-row" data-testid="quoted-row">
                <caption className="small muted">The row as printed, in “{quoted.tableTitle}”; the cells this run was read from are highlighted.</caption>
                <thead><tr>{quoted.header.map((text, col) => <th key={col} scope="col">{text}</th>)}</tr></thead>
                <tbody>
                  <tr>{quoted.cells.map((text, col) => <td key={col} className={quoted.linkedCols.includes(col) ? "linked" : undefined}>{text}</td>)}</tr>
                </tbody>
              </table>
            </div>
          ))}
          <div className="data-table-wrap">
            <table className="data-table" data-testid="provenance-cells">
              <thead><tr><th scope="col">Table</th><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Cell (verbatim)</th><th scope="col">Supports</th></tr></thead>
              <tbody>
                {data.cells.map((cell) => (
                  <tr key={`${cell.cellId}-${cell.field}`}>
                    <td>{cell.tableTitle}</td>
                    <td>{cell.rowLabel}</td>
                    <td>{cell.columnLabel}</td>
                    <td><blockquote className="verbatim">{cell.text}</blockquote></td>
                    <td className="muted">{cell.field}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="card" aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">Metric curves</h2>
        {data.metricKeys.length === 0 ? (
          <p className="muted">No metric history yet. Send points with POST /api/runs/{data.id}/metrics.</p>
        ) : metrics.data ? (
          <>
            <LossCurveChart series={metrics.data.series} />
            <p className="small muted" data-testid="loss-curve-points">
              {metrics.data.series.map((s) => `${s.key}: ${s.totalPoints.toLocaleString()} points`).join(" · ")}
              {liveInterval === LIVE_REFETCH_MS ? ` · live, refreshed every ${LIVE_REFETCH_MS / 1000} s` : ""}
            </p>
          </>
        ) : (
          <p className="muted">Loading metric history…</p>
        )}
      </section>
      {data.metricKeys.length ? <MetricSummaryTable runId={data.id} refetchInterval={liveInterval} /> : null}
      <RunArtifacts runId={data.id} experimentId={data.experimentId} />
      {Object.keys(data.params).length ? <RawKeyValues title="Parameters" values={data.params} testId="run-params" /> : null}
      {Object.keys(data.keyTags).length ? <RawKeyValues title="Tags" values={data.keyTags} testId="run-key-tags" /> : null}
      <ReviewPanel runId={data.id} isReference={data.source !== null} />
      <CommentThread runId={data.id} />
      <RunHistory runId={data.id} />
      <p className="muted small">Created {data.createdAt} · updated {data.updatedAt} · id {data.id}</p>
    </article>
  );
}
