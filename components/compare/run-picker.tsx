"use client";
import { useState } from "react";
import { MethodBadge } from "@/components/runs/method-badge";
import { useRuns } from "@/lib/hooks/use-runs";
import { DEFAULT_FILTERS } from "@/lib/runs/filters";

export type RunPickerProps = { selectedIds: string[]; isFull: boolean; onAdd: (runId: string) => void };

function RunSearchResults({ q, selectedIds, isFull, onAdd }: RunPickerProps & { q: string }) {
  const runs = useRuns({ ...DEFAULT_FILTERS, q, limit: 8 });
  const items = runs.data?.pages[0]?.items ?? [];
  if (runs.isPending) return <p className="small muted">Searching…</p>;
  if (items.length === 0) return <p className="small muted">No run matches “{q}”.</p>;
  return (
    <ul className="run-picker-results" aria-label="Matching runs">
      {items.map((run) => {
        const isSelected = selectedIds.includes(run.id);
        return (
          <li key={run.id}>
            <button type="button" disabled={isSelected || isFull} onClick={() => onAdd(run.id)} aria-label={`Add ${run.name}`}>
              {isSelected ? "✓" : "+"}
            </button>
            <MethodBadge method={run.method} /> {run.name}
          </li>
        );
      })}
    </ul>
  );
}

/** Finds a run by name to add to the selection (runs with a metric history rarely show up in a chart). */
export function RunPicker(props: RunPickerProps) {
  const [q, setQ] = useState("");
  return (
    <div className="run-picker">
      <label className="inline-control">
        Add a run
        <input type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder="search by name, model, tag…" />
      </label>
      {q.trim() ? <RunSearchResults {...props} q={q.trim()} /> : null}
    </div>
  );
}
