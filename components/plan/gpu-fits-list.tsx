import { describeFit } from "@/lib/predict/fit-advice";
import type { Prediction } from "@/lib/schemas/predict";
import { formatGb } from "./breakdown-terms";

export type GpuFitsListProps = { fits: Prediction["fits"]; memory: Prediction["memory"]; chosenId: string | null };

const FIT_CELL = {
  fits: { className: "plan-fit-yes", mark: "✓", text: "fits" },
  "may-not-fit": { className: "plan-fit-maybe", mark: "!", text: "may not fit" },
  "does-not-fit": { className: "plan-fit-no", mark: "✗", text: "too small" },
} as const;

/**
 * Every catalogued GPU, smallest first: whether one card holds the peak by the same rule as the verdict (the
 * 80 % interval's upper end when there is one), and the GB left or missing by that end.
 */
export function GpuFitsList({ fits, memory, chosenId }: GpuFitsListProps) {
  const sorted = [...fits].sort((a, b) => a.memoryGb - b.memoryGb || a.name.localeCompare(b.name));
  return (
    <section className="card" aria-labelledby="plan-fits-heading">
      <h2 id="plan-fits-heading">Fits per GPU</h2>
      <p className="muted small">
        One card of each catalogued GPU against the peak per GPU{memory.interval ? " and its 80 % interval (headroom from its upper end)" : " (no calibrated interval)"}; headroom in GB (1e9 bytes),
        marketed capacity.
      </p>
      <div className="data-table-wrap">
        <table className="data-table" data-testid="plan-fits">
          <thead>
            <tr><th scope="col">GPU</th><th scope="col" className="num">Memory</th><th scope="col">Fits</th><th scope="col" className="num">Headroom</th></tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const verdict = describeFit(memory.totalGb, memory.interval, row.memoryGb);
              const cell = FIT_CELL[verdict.kind];
              return (
                <tr key={row.hardwareId} className={row.hardwareId === chosenId ? "is-selected" : undefined} data-kind={verdict.kind}>
                  <td>{row.name}{row.hardwareId === chosenId ? <span className="muted small"> (chosen)</span> : null}</td>
                  <td className="num">{row.memoryGb} GB</td>
                  <td className={cell.className}>
                    <span aria-hidden>{cell.mark}</span> {cell.text}
                  </td>
                  <td className="num">{verdict.marginGb >= 0 ? "+" : "−"}{formatGb(Math.abs(verdict.marginGb))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
