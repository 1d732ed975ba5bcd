"use client";
import { useId, useState } from "react";
import { useRunColumnKeys } from "@/lib/hooks/use-runs";
import { type ColumnGroup, DEFAULT_COLUMNS, MAX_COLUMNS, METRIC_STATS, METRIC_STAT_LABELS, type MetricStat, RUN_FIELD_COLUMNS, columnLabel, parseColumnId } from "@/lib/runs/columns";

export type ColumnChooserProps = {
  /** Column ids, name first (lib/runs/columns.ts columnsFromParam). */
  columns: readonly string[];
  /**
   * Called with an update of the columns rather than the new list: two changes in quick succession (add, then
   * remove) must each apply to the other's result, not to the list this render was given.
   */
  onChange: (update: (current: readonly string[]) => string[]) => void;
};

type RawKind = "param" | "tag" | "metric";
const KIND_LABELS: Record<RawKind, string> = { param: "Parameter", tag: "Tag", metric: "Metric" };
const GROUPS: ColumnGroup[] = ["Setup", "LoRA", "Training", "Outcomes", "Provenance"];

/** The id a raw column form describes, or null while it is incomplete or not a valid id. */
function rawColumnId(kind: RawKind, key: string, stat: MetricStat | "at", step: string): string | null {
  const trimmed = key.trim();
  if (!trimmed) return null;
  const id = kind !== "metric" ? `${kind}:${trimmed}` : stat === "at" ? `metric:${trimmed}@${step.trim()}` : stat === "last" ? `metric:${trimmed}` : `metric:${trimmed}:${stat}`;
  return parseColumnId(id) ? id : null;
}

/**
 * Picks the runs table's columns: typed fields by group, and param, tag or metric columns by key (keys offered from
 * GET /api/runs/columns, any key typed in works too); each shown column can move or go. The name stays first.
 */
export function ColumnChooser({ columns, onChange }: ColumnChooserProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [kind, setKind] = useState<RawKind>("param");
  const [key, setKey] = useState("");
  const [stat, setStat] = useState<MetricStat | "at">("last");
  const [step, setStep] = useState("");
  const keys = useRunColumnKeys(isOpen);
  const listId = useId();
  const shown = columns.filter((id) => id !== "name");
  const isFull = columns.length >= MAX_COLUMNS;
  const candidate = rawColumnId(kind, key, stat, step);
  const offered = kind === "param" ? keys.data?.params : kind === "tag" ? keys.data?.tags : keys.data?.metrics;
  const cap = keys.data?.countCap ?? 0;

  const update = (change: (shownNow: string[]) => string[]) =>
    onChange((current) => ["name", ...change(current.filter((id) => id !== "name")).filter((id) => id !== "name")]);
  const move = (id: string, by: -1 | 1) =>
    update((shownNow) => {
      const index = shownNow.indexOf(id);
      const target = index + by;
      if (index < 0 || target < 0 || target >= shownNow.length) return shownNow;
      const next = [...shownNow];
      next.splice(index, 1);
      next.splice(target, 0, id);
      return next;
    });
  const add = (id: string) => update((shownNow) => (shownNow.includes(id) || shownNow.length + 1 >= MAX_COLUMNS ? shownNow : [...shownNow, id]));
  const remove = (id: string) => update((shownNow) => shownNow.filter((other) => other !== id));

  return (
    <details className="column-chooser" data-testid="column-chooser" onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary className="button">Columns ({columns.length})</summary>
      <div className="column-chooser-panel">
        <div>
          <h3 className="small">Shown, left to right</h3>
          <p className="small muted">Name is always first and stays in view when the table scrolls sideways.</p>
          <ol className="column-list" data-testid="shown-columns">
            {shown.map((id, index) => {
              const ref = parseColumnId(id);
              const label = ref ? columnLabel(ref) : id;
              return (
                <li key={id}>
                  <span className="column-list-label" title={id}>{label}</span>
                  <button type="button" className="icon-button" aria-label={`Move ${label} up`} disabled={index === 0} onClick={() => move(id, -1)}>↑</button>
                  <button type="button" className="icon-button" aria-label={`Move ${label} down`} disabled={index === shown.length - 1} onClick={() => move(id, 1)}>↓</button>
                  <button type="button" className="icon-button" aria-label={`Remove ${label}`} onClick={() => remove(id)}>×</button>
                </li>
              );
            })}
          </ol>
          <button type="button" onClick={() => onChange(() => [...DEFAULT_COLUMNS])}>Default columns</button>
        </div>
        <div className="stack">
          <h3 className="small">Add a column</h3>
          {isFull ? <p className="small muted">At most {MAX_COLUMNS} columns: remove one to add another.</p> : null}
          <label>
            Run field
            <select value="" disabled={isFull} onChange={(event) => event.target.value && add(event.target.value)}>
              <option value="">Choose a field…</option>
              {GROUPS.map((group) => (
                <optgroup key={group} label={group}>
                  {RUN_FIELD_COLUMNS.filter((column) => column.group === group && !columns.includes(column.id)).map((column) => (
                    <option key={column.id} value={column.id}>{column.label}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <form
            className="column-chooser-raw"
            onSubmit={(event) => {
              event.preventDefault();
              if (candidate) add(candidate);
              setKey("");
            }}
          >
            <label>
              Kind
              <select value={kind} onChange={(event) => setKind(event.target.value as RawKind)}>
                {(Object.keys(KIND_LABELS) as RawKind[]).map((value) => (
                  <option key={value} value={value}>{KIND_LABELS[value]}</option>
                ))}
              </select>
            </label>
            <label>
              Key
              <input value={key} list={listId} onChange={(event) => setKey(event.target.value)} placeholder={kind === "metric" ? "eval/loss" : kind === "param" ? "learning_rate" : "mlflow.user"} autoComplete="off" />
            </label>
            <datalist id={listId}>
              {offered?.map((entry) => (
                <option key={entry.key} value={entry.key}>{`${entry.runs >= cap ? `${cap}+` : entry.runs} runs`}</option>
              ))}
            </datalist>
            {kind === "metric" ? (
              <label>
                Value
                <select value={stat} onChange={(event) => setStat(event.target.value as MetricStat | "at")}>
                  {[...METRIC_STATS, "at" as const].map((value) => (
                    <option key={value} value={value}>{METRIC_STAT_LABELS[value]}</option>
                  ))}
                </select>
              </label>
            ) : null}
            {kind === "metric" && stat === "at" ? (
              <label>
                Step
                <input type="number" min={0} step={1} inputMode="numeric" value={step} onChange={(event) => setStep(event.target.value)} />
              </label>
            ) : null}
            <button type="submit" disabled={!candidate || isFull || columns.includes(candidate)}>Add column</button>
          </form>
          {keys.isError ? <p className="small muted" role="alert">Could not load the keys runs have logged; type a key instead.</p> : null}
          {keys.data && !offered?.length ? <p className="small muted">No run has logged a {KIND_LABELS[kind].toLowerCase()} yet.</p> : null}
        </div>
      </div>
    </details>
  );
}
