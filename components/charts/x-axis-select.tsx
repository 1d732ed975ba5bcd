"use client";
import { X_AXIS_LABELS, type XAxisChoice } from "@/lib/compare/curves";

export type XAxisOption = { choice: XAxisChoice; unavailableReason: string | null };
export type XAxisSelectProps = { value: XAxisChoice; options: XAxisOption[]; onChange: (choice: XAxisChoice) => void };

/** The x axis of a curve chart; a choice the data cannot give is disabled, its title saying why. */
export function XAxisSelect({ value, options, onChange }: XAxisSelectProps) {
  const unavailable = options.filter((option) => option.unavailableReason);
  return (
    <label className="inline-control" title={unavailable.map((option) => `${X_AXIS_LABELS[option.choice]}: ${option.unavailableReason}`).join("\n") || undefined}>
      X axis
      <select value={value} onChange={(event) => onChange(event.target.value as XAxisChoice)} data-testid="curve-x-axis">
        {options.map((option) => (
          <option key={option.choice} value={option.choice} disabled={option.unavailableReason !== null} title={option.unavailableReason ?? undefined}>
            {X_AXIS_LABELS[option.choice]}
            {option.unavailableReason ? " (unavailable)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
