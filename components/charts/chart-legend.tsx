import type { CSSProperties } from "react";
import { type PatternKind, cssPattern } from "./patterns";

export type LegendShape = "circle" | "triangle" | "diamond" | "square" | "cross" | "line" | "dashed-line" | "bar";

/** One legend entry; with `onToggle` it shows or hides its series, like Chart.js's own legend. */
export type LegendEntry = {
  id: string;
  label: string;
  color: string;
  shape: LegendShape;
  pattern?: PatternKind;
  hidden?: boolean;
  onToggle?: () => void;
};

export type ChartLegendProps = { entries: LegendEntry[]; label: string };

function Swatch({ entry }: { entry: LegendEntry }) {
  const style = {
    "--swatch": entry.color,
    ...(entry.shape === "bar" ? { background: cssPattern(entry.pattern ?? "solid", entry.color) } : {}),
  } as CSSProperties;
  return <span aria-hidden className={`swatch swatch-${entry.shape}`} style={style} />;
}

/** The chart's legend as HTML: readable by assistive technology and by tests, which a canvas is not. */
export function ChartLegend({ entries, label }: ChartLegendProps) {
  if (entries.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id} className={entry.hidden ? "is-hidden" : undefined}>
          {entry.onToggle ? (
            <button type="button" className="legend-button" aria-pressed={!entry.hidden} onClick={entry.onToggle} title={entry.hidden ? "Show" : "Hide"}>
              <Swatch entry={entry} />
              {entry.label}
            </button>
          ) : (
            <span className="legend-key">
              <Swatch entry={entry} />
              {entry.label}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
