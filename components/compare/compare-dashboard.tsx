"use client";
import { useCallback, useMemo } from "react";
import { SaveViewButton } from "@/components/collab/save-view-button";
import { LossCurvesChart } from "@/components/charts/loss-curves-chart";
import { MemoryBySizeChart } from "@/components/charts/memory-by-size-chart";
import { QualityMemoryChart } from "@/components/charts/quality-memory-chart";
import { RankQualityChart } from "@/components/charts/rank-quality-chart";
import { ChartSelectMode } from "@/components/charts/select-mode";
import { TargetModulesChart } from "@/components/charts/target-modules-chart";
import { ThroughputChart } from "@/components/charts/throughput-chart";
import { GroupBySelect } from "@/components/runs/group-by-select";
import { RunFilters } from "@/components/runs/run-filters";
import { DEFAULT_FILTERS, type RunListFilters } from "@/lib/runs/filters";
import { MAX_COMPARED_RUNS } from "@/lib/schemas/compare";
import { type CompareView, compareViewFromSearchParams, compareViewToSearchParams, pickCompareFilters } from "./compare-params";
import { SelectionTray } from "./selection-tray";
import { useUrlState } from "./use-url-state";

/** /compare's interactive part: filters, chart options and the run selection in the URL; one card per chart. */
export function CompareDashboard() {
  const [params, replaceParams] = useUrlState();
  const view = useMemo(() => compareViewFromSearchParams(params), [params]);
  // No server round trip on a change: the charts fetch their own data.
  const setView = useCallback((next: Partial<CompareView>) => replaceParams(compareViewToSearchParams({ ...view, ...next })), [view, replaceParams]);

  const onFiltersChange = useCallback((next: Partial<RunListFilters>) => setView({ filters: pickCompareFilters({ ...view.filters, ...next }) }), [setView, view.filters]);
  const onToggleRun = useCallback(
    (runId: string) => {
      if (view.runs.includes(runId)) setView({ runs: view.runs.filter((id) => id !== runId) });
      else if (view.runs.length < MAX_COMPARED_RUNS) setView({ runs: [...view.runs, runId] });
    },
    [setView, view.runs],
  );
  const filters = useMemo(() => ({ ...DEFAULT_FILTERS, ...view.filters }), [view.filters]);

  return (
    <div className="stack">
      <RunFilters filters={filters} onChange={onFiltersChange} />
      <SaveViewButton />
      <SelectionTray runIds={view.runs} onToggle={onToggleRun} onClear={() => setView({ runs: [] })} />
      <GroupBySelect label="Group points by" value={view.groupBy} onChange={(groupBy) => setView({ groupBy })} />
      <ChartSelectMode>
      <div className="compare-grid">
        <QualityMemoryChart filters={view.filters} metric={view.metric} onMetricChange={(metric) => setView({ metric })} selectedRunIds={view.runs} onToggleRun={onToggleRun} groupBy={view.groupBy} />
        <ThroughputChart filters={view.filters} unit={view.throughput} onUnitChange={(throughput) => setView({ throughput })} onToggleRun={onToggleRun} />
        <RankQualityChart filters={view.filters} model={view.rankModel} onModelChange={(rankModel) => setView({ rankModel })} onToggleRun={onToggleRun} groupBy={view.groupBy} />
        <MemoryBySizeChart filters={view.filters} onToggleRun={onToggleRun} />
        <TargetModulesChart filters={view.filters} onToggleRun={onToggleRun} />
        <LossCurvesChart
          runIds={view.runs}
          lossKey={view.lossKey}
          smoothing={view.smoothing}
          isLogY={view.isLogY}
          xAxis={view.xAxis}
          onOptionsChange={setView}
          emptySelectionHint="Select runs to overlay their loss curves: add one by name above, shift-click a point in a chart, or tick runs in the runs table."
        />
      </div>
      </ChartSelectMode>
    </div>
  );
}
