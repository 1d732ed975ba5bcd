"use client";
import { UNIT_FAMILY_LABELS, unitFamilyOf } from "@/lib/compare/curves";

export type MetricPickerProps = { keys: string[]; picked: string[]; onChange: (picked: string[]) => void };

/** Checkboxes of a run's metric keys; each says its unit family, which decides the axis it is drawn on. */
export function MetricPicker({ keys, picked, onChange }: MetricPickerProps) {
  const toggle = (key: string, isOn: boolean) => onChange(isOn ? keys.filter((k) => k === key || picked.includes(k)) : picked.filter((k) => k !== key));
  return (
    <fieldset className="metric-picker" data-testid="metric-picker" style={{ border: 0, padding: 0, margin: 0, display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem" }}>
      <legend className="small muted">Metrics</legend>
      {keys.map((key) => (
        <label key={key} className="inline-control" title={UNIT_FAMILY_LABELS[unitFamilyOf(key)]}>
          <input type="checkbox" checked={picked.includes(key)} onChange={(event) => toggle(key, event.target.checked)} />
          {key}
        </label>
      ))}
    </fieldset>
  );
}
