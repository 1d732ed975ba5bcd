import type { MeasuredEvaluationResponse } from "@/lib/schemas/predict";

export type UnpredictedRowsProps = { rows: MeasuredEvaluationResponse["unpredicted"] };

/** Measured rows the estimator cannot predict, grouped by reason, each row named. */
export function UnpredictedRows({ rows }: UnpredictedRowsProps) {
  const groups = new Map<string, MeasuredEvaluationResponse["unpredicted"]>();
  for (const row of rows) {
    const key = `${row.quantity}: ${row.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length);
  if (sorted.length === 0) return <p className="muted small">Every measured row was predicted.</p>;
  return (
    <ul className="stack calibration-unpredicted" data-testid="measured-unpredicted">
      {sorted.map(([reason, group]) => (
        <li key={reason}>
          <details>
            <summary>
              <strong>{group.length}</strong> × {reason}
            </summary>
            <p className="small muted">{group.map((row) => row.name).join("; ")}</p>
          </details>
        </li>
      ))}
    </ul>
  );
}
