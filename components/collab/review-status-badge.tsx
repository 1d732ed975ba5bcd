import { REVIEW_STATUS_LABELS, type ReviewStatus } from "@/lib/schemas/collab";

export type ReviewStatusBadgeProps = { status: ReviewStatus; isBaseline?: boolean };

/** The run's review status, plus "Baseline" when it is the one others are compared with. */
export function ReviewStatusBadge({ status, isBaseline = false }: ReviewStatusBadgeProps) {
  return (
    <>
      <span className={`badge badge-review badge-review-${status}`} data-testid="review-status">{REVIEW_STATUS_LABELS[status]}</span>
      {isBaseline ? <span className="badge badge-baseline" data-testid="baseline-badge">Baseline</span> : null}
    </>
  );
}
