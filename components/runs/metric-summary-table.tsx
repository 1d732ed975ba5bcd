"use client";
import { useSearchParams } from "next/navigation";
import { useCallback, useId, useState } from "react";
import { DIRECTION_LABELS, type StepValue, formatMetricValue, formatStep, stepFromParam } from "@/lib/compare/metric-summary-view";
import { useMetricSummary } from "@/lib/hooks/use-metric-summary";
import type { MetricSummary } from "@/lib/schemas/run-table";
import styles from "./metric-summary-table.module.css";

export type MetricSummaryTableProps = { runId: string; refetchInterval?: number | false };

/** One value over its step; `label` is its column's name, which a phone shows above it (the header is hidden there). */
function StepValueCell({ point, label, isBest = false, emptyTitle }: { point: StepValue | null | undefined; label: string; isBest?: boolean; emptyTitle?: string }) {
  const className = `num${isBest ? ` ${styles.best}` : ""}`;
  if (!point) return <td className={className} data-label={label} title={emptyTitle}>—</td>;
  const text = formatMetricValue(point.value);
  return (
    <td className={className} data-label={label}>
      {isBest ? <strong>{text}</strong> : text}
      <span className={styles.step}>{formatStep(point.step)}</span>
    </td>
  );
}

/**
 * The "Value at step" input's step, kept in the URL (`at=`) beside the chart's options; written with
 * history.replaceState, as the chart writes its own, so typing does not navigate.
 */
function useAtStep() {
  const initial = useSearchParams();
  const [draft, setDraft] = useState(() => initial.get("at") ?? "");
  const step = stepFromParam(draft);
  const onDraft = useCallback((value: string) => {
    setDraft(value);
    const next = new URLSearchParams(window.location.search);
    const parsed = stepFromParam(value);
    if (parsed === undefined) next.delete("at");
    else next.set("at", String(parsed));
    const search = next.toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);
  return { draft, step, onDraft, isInvalid: draft.trim() !== "" && step === undefined };
}

/**
 * Every metric of a run in one row each: last, min and max with the step each came from, the best (min or max by
 * the metric's direction, said under its name), and with a step typed in, the value at that step or the nearest
 * step before it. Non-finite values are left out of min, max and best, and printed as logged elsewhere.
 */
export function MetricSummaryTable({ runId, refetchInterval = false }: MetricSummaryTableProps) {
  const { draft, step, onDraft, isInvalid } = useAtStep();
  const summary = useMetricSummary(runId, step, refetchInterval);
  const inputId = useId();
  const hintId = useId();
  const items: MetricSummary[] = summary.data?.items ?? [];
  const atStep = summary.data?.step ?? null;
  return (
    <section className="card" aria-labelledby="metric-summary-heading" data-testid="metric-summary">
      <h2 id="metric-summary-heading">Metric summary</h2>
      <div className={styles.atStep}>
        <label htmlFor={inputId}>Value at step</label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={draft}
          placeholder="e.g. 1000"
          aria-invalid={isInvalid}
          aria-describedby={hintId}
          onChange={(event) => onDraft(event.target.value)}
        />
        <span id={hintId} className={isInvalid ? "field-error" : "muted small"}>
          {isInvalid ? "Type a whole step from 0." : "Adds a column: each metric's value at that step, or at the nearest step before it."}
        </span>
      </div>
      {summary.isError ? (
        <div className="error-banner" role="alert">Could not summarise the metrics: {summary.error.message}</div>
      ) : !summary.data ? (
        <p className="muted">Summarising the metrics…</p>
      ) : (
        <div className="data-table-wrap">
          <table className={`data-table ${styles.table}`} data-testid="metric-summary-table" aria-busy={summary.isFetching}>
            <caption className="visually-hidden">Each metric&apos;s last, smallest, largest and best value with its step</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="num">Last</th>
                <th scope="col" className="num">Min</th>
                <th scope="col" className="num">Max</th>
                <th scope="col" className="num">Best</th>
                {atStep !== null ? <th scope="col" className="num" data-testid="metric-summary-at-heading">At {formatStep(atStep)}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.key} data-key={item.key}>
                  <th scope="row">
                    <span className={styles.key}>{item.key}</span>
                    <span className={styles.direction}>
                      {DIRECTION_LABELS[item.direction]} · {item.count.toLocaleString("en-US")} {item.count === 1 ? "point" : "points"}
                    </span>
                  </th>
                  <StepValueCell point={item.last} label="Last" />
                  <StepValueCell point={item.min} label="Min" emptyTitle="No finite value logged" />
                  <StepValueCell point={item.max} label="Max" emptyTitle="No finite value logged" />
                  <StepValueCell point={item.best} label="Best" isBest emptyTitle="No finite value logged" />
                  {atStep !== null ? <StepValueCell point={item.at} label={`At ${formatStep(atStep)}`} emptyTitle={`Not logged until after ${formatStep(atStep)}`} /> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
