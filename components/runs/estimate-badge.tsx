/** A published estimate: shown beside measurements, never fitted or counted as one. */
export function EstimateBadge() {
  return (
    <span className="badge badge-estimate" title="The source publishes this figure as an estimate; calibration never uses it">
      Estimate — not a measurement
    </span>
  );
}
