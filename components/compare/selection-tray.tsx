"use client";
import Link from "next/link";
import { MethodBadge } from "@/components/runs/method-badge";
import { useRun } from "@/lib/hooks/use-runs";
import { MAX_COMPARED_RUNS } from "@/lib/schemas/compare";
import { RunPicker } from "./run-picker";

export type SelectionTrayProps = { runIds: string[]; onToggle: (runId: string) => void; onClear: () => void };

function SelectedRunChip({ runId, onRemove }: { runId: string; onRemove: () => void }) {
  const run = useRun(runId);
  const name = run.data?.name ?? (run.isError ? `Unknown run ${runId}` : "…");
  return (
    <li className="run-chip">
      {run.data ? <MethodBadge method={run.data.method} /> : null}
      <Link href={`/runs/${encodeURIComponent(runId)}`}>{name}</Link>
      <button type="button" className="chip-remove" onClick={onRemove} aria-label={`Remove ${name} from the selection`}>×</button>
    </li>
  );
}

/** The runs picked from the charts, the runs table or the search: overlaid as loss curves and compared in the diff. */
export function SelectionTray({ runIds, onToggle, onClear }: SelectionTrayProps) {
  const isFull = runIds.length >= MAX_COMPARED_RUNS;
  const diffHref = `/compare/diff?ids=${runIds.map(encodeURIComponent).join(",")}`;
  return (
    <section className="selection-tray" aria-label="Selected runs" data-testid="selection-tray">
      <div className="row">
        <strong>Selected runs ({runIds.length}/{MAX_COMPARED_RUNS})</strong>
        {runIds.length === 0 ? <span className="small muted">Shift-click a point or bar, or use “Select for diff”, to pick up to {MAX_COMPARED_RUNS} runs.</span> : null}
        <ul className="run-chips">
          {runIds.map((runId) => <SelectedRunChip key={runId} runId={runId} onRemove={() => onToggle(runId)} />)}
        </ul>
        <span className="tray-actions">
          {runIds.length >= 2 ? (
            <Link className="button button-primary" href={diffHref}>Compare selected ({runIds.length})</Link>
          ) : (
            <button type="button" className="button-primary" disabled title="Select at least two runs">Compare selected ({runIds.length})</button>
          )}
          {runIds.length ? <button type="button" onClick={onClear}>Clear</button> : null}
        </span>
      </div>
      <RunPicker selectedIds={runIds} isFull={isFull} onAdd={onToggle} />
    </section>
  );
}
