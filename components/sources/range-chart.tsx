import type { CSSProperties } from "react";
import { type SourceGroup, hasNumber, readingLabel } from "./claim-readings";

export type RangeChartProps = { groups: SourceGroup[]; unit: string };

/** 1, 2, 2.5 or 5 times a power of ten: the smallest such value at or above `value`. */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Room to the right of the largest bound, so an open-ended bar still reads as "and more". */
const HEADROOM = 1.15;
const TICKS = 5;

function trimNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * Each source's numeric answers as bars on one shared axis, so ranges that cannot both be true show as bars
 * that do not overlap. Open-ended answers ("84GB+") run to the end of the axis with an arrow; answers that
 * only give an upper bound ("fits on a 16GB GPU") start at zero with a dashed edge.
 */
export function RangeChart({ groups, unit }: RangeChartProps) {
  const rows = groups
    .map((group, sourceIndex) => ({ ...group, sourceIndex, evidence: group.evidence.filter(hasNumber) }))
    .filter((group) => group.evidence.length > 0);
  const bounds = rows.flatMap((g) => g.evidence.flatMap((e) => [e.valueMin, e.valueMax])).filter((v): v is number => v !== null);
  const axisMax = niceCeil(Math.max(...bounds, 0) * HEADROOM);
  const pct = (value: number) => `${Math.min(100, Math.max(0, (value / axisMax) * 100))}%`;
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => (axisMax / TICKS) * i);

  return (
    <figure className="range-chart">
      <figcaption className="muted small">Every numeric answer on one axis, in {unit}. Bars that do not overlap cannot both be right.</figcaption>
      {rows.map((group) => (
        <div key={group.sourceId} className="range-group" role="group" aria-label={group.title}>
          <div className="range-source">{group.title}</div>
          {group.evidence.map((evidence) => {
            const open = evidence.valueMin !== null && evidence.valueMax === null;
            const upperOnly = evidence.valueMin === null;
            const start = evidence.valueMin ?? 0;
            const end = evidence.valueMax ?? axisMax;
            const style: CSSProperties = { left: pct(start), width: `calc(${pct(end)} - ${pct(start)})` };
            const kind = open ? " range-bar-open" : upperOnly ? " range-bar-upper" : start === end ? " range-bar-point" : "";
            return (
              <div key={evidence.id} className="range-row">
                <span className="range-label">{readingLabel(evidence, unit)}</span>
                <div className="range-track">
                  <div className={`range-bar range-src-${group.sourceIndex % 4}${kind}`} style={style} title={`“${evidence.quote}”`}>
                    {open ? <span className="range-arrow" aria-hidden="true">→</span> : null}
                  </div>
                </div>
              </div>
            );
          })}
        </div>
      ))}
      <div className="range-row range-axis" aria-hidden="true">
        <span className="range-label" />
        <div className="range-track">
          {ticks.map((tick) => (
            <span key={tick} className="range-tick" style={{ left: pct(tick) }}>
              {trimNumber(tick)}
            </span>
          ))}
        </div>
      </div>
    </figure>
  );
}
