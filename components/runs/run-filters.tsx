"use client";
import { useEffect, useState } from "react";
import { useHardware, useModels } from "@/lib/hooks/use-catalog";
import { useExperiments } from "@/lib/hooks/use-experiments";
import { useSources } from "@/lib/hooks/use-sources";
import type { RunListFilters } from "@/lib/runs/filters";
import { REVIEW_STATUSES, REVIEW_STATUS_LABELS, type ReviewStatus } from "@/lib/schemas/collab";
import { EVIDENCE_KINDS, EVIDENCE_LABELS, type EvidenceKind, METHODS, METHOD_LABELS, RUN_STATUSES } from "@/lib/schemas/run";

export type RunFiltersProps = { filters: RunListFilters; onChange: (next: Partial<RunListFilters>) => void };

/** Waits for typing to pause before a text filter changes the URL (and so the query). */
function useDebouncedText(value: string | undefined, onCommit: (value: string) => void) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  useEffect(() => {
    if (text === (value ?? "")) return;
    const timer = setTimeout(() => onCommit(text), 300);
    return () => clearTimeout(timer);
  }, [text, value, onCommit]);
  return [text, setText] as const;
}

const toNumber = (value: string) => (value === "" ? undefined : Number(value));

export function RunFilters({ filters, onChange }: RunFiltersProps) {
  const models = useModels();
  const hardware = useHardware();
  const sources = useSources();
  // Archived experiments too: their runs stay, and a shared link may filter by one.
  const experiments = useExperiments(true);
  const [q, setQ] = useDebouncedText(filters.q, (value) => onChange({ q: value || undefined }));
  const [tag, setTag] = useDebouncedText(filters.tag, (value) => onChange({ tag: value || undefined }));
  const methods = filters.method ?? [];

  return (
    <form className="filters" role="search" aria-label="Filter runs" onSubmit={(event) => event.preventDefault()}>
      <label>
        Search
        <input type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder="name, model, notes, tag…" />
      </label>
      <fieldset className="row" style={{ border: "none", padding: 0, margin: 0 }}>
        <legend className="small muted">Method</legend>
        {METHODS.map((method) => (
          <label key={method} className="checkbox-row" style={{ flexDirection: "row", color: "var(--fg)" }}>
            <input
              type="checkbox"
              checked={methods.includes(method)}
              onChange={(event) => onChange({ method: event.target.checked ? [...methods, method] : methods.filter((m) => m !== method) })}
            />
            {METHOD_LABELS[method]}
          </label>
        ))}
      </fieldset>
      <label>
        Model
        <select value={filters.model ?? ""} onChange={(event) => onChange({ model: event.target.value || undefined })}>
          <option value="">Any model</option>
          {models.data?.items.map((model) => <option key={model.id} value={model.id}>{model.name}</option>)}
        </select>
      </label>
      <label>
        Hardware
        <select value={filters.hardware ?? ""} onChange={(event) => onChange({ hardware: event.target.value || undefined })}>
          <option value="">Any hardware</option>
          {hardware.data?.items.map((gpu) => <option key={gpu.id} value={gpu.id}>{gpu.name}</option>)}
        </select>
      </label>
      <label>
        Experiment
        <select value={filters.experiment ?? ""} onChange={(event) => onChange({ experiment: event.target.value || undefined })}>
          <option value="">Any experiment</option>
          {experiments.data?.items.map((experiment) => (
            <option key={experiment.id} value={experiment.id}>{experiment.archivedAt ? `${experiment.name} (archived)` : experiment.name}</option>
          ))}
          {filters.experiment && experiments.data && !experiments.data.items.some((e) => e.id === filters.experiment) ? (
            <option value={filters.experiment}>Unknown experiment {filters.experiment}</option>
          ) : null}
        </select>
      </label>
      <label>
        Source
        <select value={filters.source ?? ""} onChange={(event) => onChange({ source: event.target.value || undefined })}>
          <option value="">Any source</option>
          <option value="logged">Logged by users</option>
          {sources.data?.items.map((source) => <option key={source.id} value={source.id}>{source.title}</option>)}
        </select>
      </label>
      <label>
        Evidence
        <select value={(filters.evidence?.length ?? 0) > 1 ? "several" : (filters.evidence?.[0] ?? "")} onChange={(event) => onChange({ evidence: event.target.value ? [event.target.value as EvidenceKind] : undefined })}>
          <option value="">Any evidence</option>
          {EVIDENCE_KINDS.map((kind) => <option key={kind} value={kind}>{EVIDENCE_LABELS[kind]}</option>)}
          {(filters.evidence?.length ?? 0) > 1 ? <option value="several" disabled>{filters.evidence!.map((kind) => EVIDENCE_LABELS[kind]).join(" + ")}</option> : null}
        </select>
      </label>
      <label>
        Status
        <select value={filters.status?.[0] ?? ""} onChange={(event) => onChange({ status: event.target.value ? [event.target.value as (typeof RUN_STATUSES)[number]] : undefined })}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((status) => <option key={status} value={status}>{status}</option>)}
        </select>
      </label>
      <label>
        Review
        <select value={filters.reviewStatus?.[0] ?? ""} onChange={(event) => onChange({ reviewStatus: event.target.value ? [event.target.value as ReviewStatus] : undefined })}>
          <option value="">Any review status</option>
          {REVIEW_STATUSES.map((status) => <option key={status} value={status}>{REVIEW_STATUS_LABELS[status]}</option>)}
        </select>
      </label>
      <label className="checkbox-row" style={{ flexDirection: "row", color: "var(--fg)" }}>
        <input type="checkbox" checked={filters.baseline === true} onChange={(event) => onChange({ baseline: event.target.checked ? true : undefined })} />
        Baselines only
      </label>
      <label>
        Tag
        <input value={tag} onChange={(event) => setTag(event.target.value)} placeholder="e.g. memory" size={10} />
      </label>
      <label>
        Rank from
        <input type="number" min={1} max={4096} value={filters.rankMin ?? ""} onChange={(event) => onChange({ rankMin: toNumber(event.target.value) })} />
      </label>
      <label>
        Rank to
        <input type="number" min={1} max={4096} value={filters.rankMax ?? ""} onChange={(event) => onChange({ rankMax: toNumber(event.target.value) })} />
      </label>
      <button
        type="button"
        onClick={() => onChange({ q: undefined, tag: undefined, method: undefined, model: undefined, hardware: undefined, source: undefined, evidence: undefined, experiment: undefined, status: undefined, reviewStatus: undefined, baseline: undefined, rankMin: undefined, rankMax: undefined })}
      >
        Clear filters
      </button>
    </form>
  );
}
