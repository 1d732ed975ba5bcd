"use client";
import { Fragment, useMemo, useState } from "react";
import { pickCompareFilters } from "@/components/compare/compare-params";
import { useGroupRuns, useRunGroups } from "@/lib/hooks/use-run-groups";
import type { RunListFilters } from "@/lib/runs/filters";
import { formatMeanStd, formatMinMax, groupFieldLabel, groupKeyValueLabel } from "@/lib/runs/group-stats";
import type { RUN_SORT_FIELDS } from "@/lib/schemas/run";
import { GROUP_OUTCOMES, type GroupOutcome, MAX_GROUPS, type RunGroup } from "@/lib/schemas/run-table";
import styles from "./run-groups.module.css";
import { RunsTable } from "./runs-table";

export type RunGroupsProps = {
  filters: RunListFilters;
  /** Fields to group by (GROUP_FIELDS or param:<key>), from the page's `group=` URL parameter. */
  by: string[];
  /** The table's current column ids, so a group's expanded runs show the same columns. */
  columns: string[];
};

/** Each outcome's header and the decimals its statistics are shown with. */
const OUTCOMES: Record<GroupOutcome, { label: string; digits: number }> = {
  peakMemoryGb: { label: "Peak memory (GB)", digits: 2 },
  throughputSamplesPerSec: { label: "Samples/s", digits: 2 },
  throughputTokensPerSec: { label: "Tokens/s", digits: 0 },
  mtBench: { label: "MT-Bench", digits: 2 },
  mmlu: { label: "MMLU (%)", digits: 1 },
  trainLoss: { label: "Train loss", digits: 3 },
  evalLoss: { label: "Eval loss", digits: 3 },
  wallTimeSec: { label: "Wall time (s)", digits: 0 },
  costUsd: { label: "Cost (USD)", digits: 2 },
};

/** The grouped runs table: one row per group with its key, count and each outcome's mean ± std over min–max; a group expands to its runs. */
export function RunGroups({ filters, by, columns }: RunGroupsProps) {
  const compareFilters = useMemo(() => pickCompareFilters(filters), [filters]);
  const query = useRunGroups(compareFilters, by);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const data = query.data;
  // Only the outcomes some group has a value for: nine mostly empty columns would hide the ones that matter.
  const outcomes = GROUP_OUTCOMES.filter((outcome) => data?.groups.some((group) => group.outcomes[outcome].n > 0));
  const hasRanges = data?.groups.some((group) => group.memoryRangeCount > 0) ?? false;
  const toggle = (label: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(label)) next.delete(label);
      else next.add(label);
      return next;
    });

  if (query.isError) return <div className="error-banner" role="alert">Could not group the runs: {query.error.message}</div>;
  if (!data) return <p className="muted small" aria-live="polite" data-testid="run-groups">Grouping runs…</p>;
  if (data.groups.length === 0) return <div className="empty-state" data-testid="run-groups">No run matches these filters.</div>;
  const columnCount = 2 + by.length + outcomes.length;
  return (
    <div className="stack" data-testid="run-groups">
      <p className="small muted" aria-live="polite">
        {data.totalRuns} runs in {data.totalGroups} group{data.totalGroups === 1 ? "" : "s"}
        {data.totalGroups > data.groups.length ? ` (the ${MAX_GROUPS} largest shown)` : ""}. Each cell: mean ± sample standard deviation, with min–max beneath.
        {outcomes.includes("peakMemoryGb") || hasRanges ? " Peak memory averages measured points only: ranges and bounds (“24–32 GB”, “84+ GB”) are counted beside it, not averaged." : ""}
      </p>
      <div className="data-table-wrap">
        <table className="data-table run-groups-table">
          <caption className="visually-hidden">Runs grouped by {by.map(groupFieldLabel).join(", ")}</caption>
          <thead>
            <tr>
              <th scope="col"><span className="visually-hidden">Expand</span></th>
              {by.map((field) => <th key={field} scope="col">{groupFieldLabel(field)}</th>)}
              <th scope="col" className="num">Runs</th>
              {outcomes.map((outcome) => <th key={outcome} scope="col" className="num">{OUTCOMES[outcome].label}</th>)}
            </tr>
          </thead>
          <tbody>
            {data.groups.map((group) => {
              const isOpen = expanded.has(group.label);
              return (
                <Fragment key={group.label}>
                  <tr data-testid="run-group" className={isOpen ? "is-selected" : undefined}>
                    <td>
                      <button type="button" className={`link-button ${styles.toggle}`} aria-expanded={isOpen} aria-label={`${isOpen ? "Hide" : "Show"} the runs of ${group.label}`} onClick={() => toggle(group.label)}>
                        {isOpen ? "▾ hide" : "▸ runs"}
                      </button>
                    </td>
                    {by.map((field) => <td key={field}>{group.keyLabels[field] ?? groupKeyValueLabel(field, group.key[field] ?? null)}</td>)}
                    <td className="num">
                      {group.count}
                      {group.oomCount ? <div className="small"><span className="badge badge-oom">{group.oomCount} OOM</span></div> : null}
                    </td>
                    {outcomes.map((outcome) => <OutcomeCell key={outcome} group={group} outcome={outcome} />)}
                  </tr>
                  {isOpen ? (
                    <tr className="run-group-runs">
                      <td colSpan={columnCount}>
                        <GroupRuns group={group} columns={columns} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function OutcomeCell({ group, outcome }: { group: RunGroup; outcome: GroupOutcome }) {
  const stats = group.outcomes[outcome];
  const { digits } = OUTCOMES[outcome];
  const ranges = outcome === "peakMemoryGb" ? group.memoryRangeCount : 0;
  return (
    <td className="num" title={stats.n ? `${stats.n} of ${group.count} runs have a value` : undefined}>
      {stats.n ? <span className="group-mean">{formatMeanStd(stats, digits)}</span> : "—"}
      {stats.n > 1 ? <div className="small muted">{formatMinMax(stats, digits)}</div> : null}
      {stats.n && stats.n < group.count ? <div className="small muted">n = {stats.n}</div> : null}
      {ranges ? <div className="small muted">+{ranges} range{ranges === 1 ? "" : "s"}, not averaged</div> : null}
    </td>
  );
}

type SortField = (typeof RUN_SORT_FIELDS)[number];

/** One group's runs, as the runs table shows them. */
function GroupRuns({ group, columns }: { group: RunGroup; columns: string[] }) {
  const [sort, setSort] = useState<{ sort: SortField; order: "asc" | "desc" }>({ sort: "createdAt", order: "desc" });
  const query = useGroupRuns(group.runIds, sort.sort, sort.order, columns, true);
  const hidden = group.count - group.runIds.length;
  return (
    <div className={`stack ${styles.expanded}`} data-testid="run-group-runs">
      {query.isError ? <div className="error-banner" role="alert">Could not load the runs: {query.error.message}</div> : null}
      {query.data ? (
        <RunsTable runs={query.data.items} columns={columns} sort={sort.sort} order={sort.order} onSort={(nextSort, order) => setSort({ sort: nextSort, order })} />
      ) : (
        <p className="small muted">Loading the {group.runIds.length} runs…</p>
      )}
      {hidden > 0 ? <p className="small muted">{hidden} more not shown: the {group.runIds.length} newest are listed; narrow the filters to see the others.</p> : null}
    </div>
  );
}
