"use client";

export type SmoothingSliderProps = { value: number; onChange: (value: number) => void };

/** EMA weight from 0 (raw) to 0.99; above 0 the chart draws the raw curve faint under the smoothed one. */
export function SmoothingSlider({ value, onChange }: SmoothingSliderProps) {
  return (
    <label className="inline-control">
      Smoothing (EMA)
      <input type="range" min={0} max={0.99} step={0.01} value={value} onChange={(event) => onChange(Number(event.target.value))} data-testid="curve-smoothing" />
      <output className="small">{value.toFixed(2)}</output>
    </label>
  );
}
