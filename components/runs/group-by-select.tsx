"use client";
import { useId, useState } from "react";
import { GROUP_FIELD_LABELS, groupFieldLabel } from "@/lib/runs/group-stats";
import { GROUP_FIELDS, MAX_GROUP_FIELDS } from "@/lib/schemas/groups";

export type GroupBySelectProps = {
  value: string[];
  onChange: (next: string[]) => void;
  /** What the control is called ("Group by", "Group points by"). */
  label?: string;
};

const PARAM_CHOICE = "param:";

/**
 * Picks up to MAX_GROUP_FIELDS fields to group by, in order: the chosen ones as removable chips, one select to
 * add the next (a typed field, or a raw param by its key). One line on a wide screen; it wraps at 390 px.
 */
export function GroupBySelect({ value, onChange, label = "Group by" }: GroupBySelectProps) {
  const id = useId();
  const [isParamOpen, setParamOpen] = useState(false);
  const [paramKey, setParamKey] = useState("");
  const isFull = value.length >= MAX_GROUP_FIELDS;
  const addParam = () => {
    const key = paramKey.trim();
    if (!key || key.includes(",")) return;
    if (!value.includes(`param:${key}`)) onChange([...value, `param:${key}`]);
    setParamKey("");
    setParamOpen(false);
  };
  return (
    <div className="row group-by-select" role="group" aria-labelledby={`${id}-label`} data-testid="group-by-select">
      <span id={`${id}-label`} className="small muted">{label}</span>
      {value.length ? (
        <ul className="run-chips" aria-label="Grouped by">
          {value.map((field) => (
            <li key={field} className="run-chip">
              <span>{groupFieldLabel(field)}{field.startsWith(PARAM_CHOICE) ? <span className="muted"> (param)</span> : null}</span>
              <button type="button" className="chip-remove" aria-label={`Stop grouping by ${groupFieldLabel(field)}`} onClick={() => onChange(value.filter((other) => other !== field))}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
      {isFull ? (
        <span className="small muted">at most {MAX_GROUP_FIELDS} fields</span>
      ) : (
        <select
          aria-label={value.length ? "Also group by" : label}
          value=""
          onChange={(event) => {
            const next = event.target.value;
            if (next === PARAM_CHOICE) setParamOpen(true);
            else if (next) onChange([...value, next]);
          }}
        >
          <option value="">{value.length ? "+ add a field" : "No grouping"}</option>
          {GROUP_FIELDS.filter((field) => !value.includes(field)).map((field) => (
            <option key={field} value={field}>{GROUP_FIELD_LABELS[field]}</option>
          ))}
          <option value={PARAM_CHOICE}>A raw param…</option>
        </select>
      )}
      {isParamOpen && !isFull ? (
        <span className="inline-control">
          <input
            type="text"
            aria-label="Raw param key"
            placeholder="e.g. lora_dropout"
            value={paramKey}
            maxLength={250}
            autoFocus
            onChange={(event) => setParamKey(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                addParam();
              } else if (event.key === "Escape") setParamOpen(false);
            }}
          />
          <button type="button" onClick={addParam} disabled={!paramKey.trim() || paramKey.includes(",")}>Add</button>
          <button type="button" className="link-button small" onClick={() => setParamOpen(false)}>Cancel</button>
        </span>
      ) : null}
      {value.length ? <button type="button" className="link-button small" onClick={() => onChange([])}>Ungroup</button> : null}
    </div>
  );
}
