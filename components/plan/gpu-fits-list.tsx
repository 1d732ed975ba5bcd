import type { Prediction } from "@/lib/schemas/predict";
import { formatGb } from "./breakdown-terms";

export type GpuFitsListProps = { fits: Prediction["fits"]; chosenId: string | null };

/** Every catalogued GPU, smallest first: whether one card holds the peak, and the GB left or missing. */
export function GpuFitsList({ fits, chosenId }: GpuFitsListProps) {
  const sorted = [...fits].sort((a, b) => a.memoryGb - b.memoryGb || a.name.localeCompare(b.name));
  return (
    <section className="card" aria-labelledby="plan-fits-heading">
      <h2 id="plan-fits-heading">Fits per GPU</h2>
      <p className="muted small">One card of each catalogued GPU against the peak per GPU; headroom in GB (1e9 bytes), marketed capacity.</p>
      <div className="data-table-wrap">
        <table className="data-table" data-testid="plan-fits">
          <thead>
            <tr><th scope="col">GPU</th><th scope="col" className="num">Memory</th><th scope="col">Fits</th><th scope="col" className="num">Headroom</th></tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.hardwareId} className={row.hardwareId === chosenId ? "is-selected" : undefined}>
                <td>{row.name}{row.hardwareId === chosenId ? <span className="muted small"> (chosen)</span> : null}</td>
                <td className="num">{row.memoryGb} GB</td>
                <td className={row.fits ? "plan-fit-yes" : "plan-fit-no"}>
                  <span aria-hidden>{row.fits ? "✓" : "✗"}</span> {row.fits ? "fits" : "too small"}
                </td>
                <td className="num">{row.fits ? "+" : "−"}{formatGb(Math.abs(row.headroomGb))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
