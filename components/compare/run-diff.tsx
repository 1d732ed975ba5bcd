"use client";
import Link from "next/link";
import { Fragment, useCallback, useMemo } from "react";
import { LossCurvesChart } from "@/components/charts/loss-curves-chart";
import { MethodBadge } from "@/components/runs/method-badge";
import { formatDiffValue } from "@/lib/compare/format-diff-value";
import { type StepValue, bestRunIndices, formatMetricValue, formatStep } from "@/lib/compare/metric-summary-view";
import { useRunDiff } from "@/lib/hooks/use-compare";
import { parseColumnId } from "@/lib/runs/columns";
import { type DiffResponse, MAX_COMPARED_RUNS } from "@/lib/schemas/compare";
import { METHODS, type Method } from "@/lib/schemas/run";
import { type CompareView, compareViewFromSearchParams, parseRunIds } from "./compare-params";
import { useUrlState } from "./use-url-state";

type Field = DiffResponse["fields"][number];

const GROUPS = [
  { id: "configuration", label: "Configuration", empty: "No configuration field differs." },
  { id: "outcome", label: "Outcome", empty: "No outcome field differs." },
  // Best and last of the metric keys at least two runs logged, with the step each came from.
  { id: "metrics", label: "Metrics (best and last, as logged)", empty: "No metric logged by two of these runs." },
  // Raw MLflow params and tags: the server lists only the keys that differ.
  { id: "params", label: "Parameters that differ (as logged)", empty: "No logged parameter differs." },
  { id: "tags", label: "Tags that differ (as logged)", empty: "No logged tag differs." },
] as const;

const isMethod = (value: unknown): value is Method => typeof value === "string" && (METHODS as readonly string[]).includes(value);

const isStepValue = (value: unknown): value is StepValue => typeof value === "object" && value !== null && "step" in value && "value" in value;

/** A metric row: each run's value over its step; on a best row, the best run(s) marked when the values differ. */
function MetricDiffRow({ field, runCount }: { field: Field; runCount: number }) {
  const points = Array.from({ length: runCount }, (_, index) => {
    const value = field.values[index];
    return isStepValue(value) ? value : null;
  });
  // Only the best row marks a run: on the last row a "best" mark would read as the run's best value.
  const column = parseColumnId(field.field);
  const isBestRow = column?.kind === "metric" && column.stat === "best";
  const best = new Set(isBestRow && field.direction ? bestRunIndices(points, field.direction) : []);
  return (
    <tr className={field.differs ? "differs" : undefined} data-differs={field.differs} data-field={field.field}>
      <th scope="row">
        {field.label}
        {field.differs ? <span className="badge badge-differs">differs</span> : null}
      </th>
      {points.map((point, index) => (
        <td key={index} data-best={best.has(index) || undefined}>
          {point ? (
            <>
              {best.has(index) ? <strong>{formatMetricValue(point.value)}</strong> : formatMetricValue(point.value)}
              {best.has(index) ? <> <span className="badge">best</span></> : null}
              <span className="small muted" style={{ display: "block" }}>{formatStep(point.step)}</span>
            </>
          ) : (
            "—"
          )}
        </td>
      ))}
    </tr>
  );
}

function DiffRow({ field, runCount }: { field: Field; runCount: number }) {
  if (field.group === "metrics") return <MetricDiffRow field={field} runCount={runCount} />;
  const first = formatDiffValue(field.values[0]);
  return (
    <tr className={field.differs ? "differs" : undefined} data-differs={field.differs}>
      <th scope="row">
        {field.label}
        {field.differs ? <span className="badge badge-differs">differs</span> : null}
      </th>
      {Array.from({ length: runCount }, (_, index) => {
        const text = formatDiffValue(field.values[index]);
        return (
          <td key={index} className={field.differs && index > 0 && text !== first ? "cell-differs" : undefined}>
            {text}
          </td>
        );
      })}
    </tr>
  );
}

/** Side-by-side configuration and outcomes of 2–6 runs, differences highlighted, with their loss curves overlaid. */
export function RunDiff() {
  const [params, replaceParams] = useUrlState();
  const ids = useMemo(() => parseRunIds(params.get("ids") ?? undefined), [params]);
  const isOnlyDifferences = params.get("only") === "1";
  const view = useMemo(() => compareViewFromSearchParams(params), [params]);
  const diff = useRunDiff(ids);

  const setParams = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      replaceParams(next);
    },
    [params, replaceParams],
  );
  const onLossOptions = useCallback(
    (next: Partial<Pick<CompareView, "lossKey" | "smoothing" | "isLogY" | "xAxis">>) =>
      setParams({
        ...(next.lossKey !== undefined ? { key: next.lossKey === "train/loss" ? null : next.lossKey } : {}),
        ...(next.smoothing !== undefined ? { smooth: next.smoothing > 0 ? String(next.smoothing) : null } : {}),
        ...(next.isLogY !== undefined ? { logY: next.isLogY ? "1" : null } : {}),
        ...(next.xAxis !== undefined ? { x: next.xAxis === "step" ? null : next.xAxis } : {}),
      }),
    [setParams],
  );

  if (ids.length < 2) {
    return (
      <div className="empty-state">
        Select at least two runs (at most {MAX_COMPARED_RUNS}) to compare them: tick them in the <Link href="/runs">runs table</Link>, or shift-click points on{" "}
        <Link href="/compare">Compare</Link>.
      </div>
    );
  }
  if (diff.isError) return <div className="error-banner" role="alert">Could not compare these runs: {diff.error.message}</div>;
  if (!diff.data) return <p className="muted" aria-busy="true">Loading the runs…</p>;

  const { runs, fields } = diff.data;
  const differing = fields.filter((field) => field.differs).length;
  return (
    <div className="stack">
      <div className="row diff-toolbar">
        <p className="muted small" data-testid="diff-summary">
          {differing} of {fields.length} fields differ across {runs.length} runs.
        </p>
        <label className="checkbox-row">
          <input type="checkbox" checked={isOnlyDifferences} onChange={(event) => setParams({ only: event.target.checked ? "1" : null })} />
          Only differences
        </label>
      </div>
      <div className="data-table-wrap">
        <table className="data-table diff-table" data-testid="diff-table">
          <caption className="visually-hidden">Configuration and outcomes of the compared runs</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {runs.map((run, index) => {
                const id = String(run.id ?? ids[index]);
                const name = String(run.name ?? id);
                return (
                  <th key={id} scope="col">
                    <div className="diff-run-head">
                      {isMethod(run.method) ? <MethodBadge method={run.method} /> : null}
                      <Link href={`/runs/${encodeURIComponent(id)}`}>{name}</Link>
                      {ids.length > 2 ? (
                        <button type="button" className="chip-remove" aria-label={`Remove ${name} from the comparison`} onClick={() => setParams({ ids: ids.filter((other) => other !== id).join(",") })}>
                          ×
                        </button>
                      ) : null}
                    </div>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {GROUPS.map((group) => {
              const rows = fields.filter((field) => field.group === group.id && (!isOnlyDifferences || field.differs));
              return (
                <Fragment key={group.id}>
                  <tr className="diff-group">
                    <th scope="colgroup" colSpan={runs.length + 1}>{group.label}</th>
                  </tr>
                  {rows.length === 0 ? (
                    <tr><td colSpan={runs.length + 1} className="muted small">{group.empty}</td></tr>
                  ) : (
                    rows.map((field) => <DiffRow key={field.field} field={field} runCount={runs.length} />)
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <LossCurvesChart
        runIds={ids}
        lossKey={view.lossKey}
        smoothing={view.smoothing}
        isLogY={view.isLogY}
        xAxis={view.xAxis}
        onOptionsChange={onLossOptions}
        emptySelectionHint="No run selected."
        isWide
      />
    </div>
  );
}
