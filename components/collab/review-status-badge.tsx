import { REVIEW_STATUS_LABELS, type ReviewStatus } from "@/lib/schemas/collab";

export type ReviewStatusBadgeProps = { status: ReviewStatus; isBaseline?: boolean; isReference?: boolean };

/**
 * The run's review status, plus "Baseline" when it is the one others are compared with. A reference run (read
 * from a source) is nobody's draft: until someone reviews it, it shows "Reference" instead of "Draft".
 */
export function ReviewStatusBadge({ status, isBaseline = false, isReference = false }: ReviewStatusBadgeProps) {
  return (
    <>
      {isReference && status === "draft" ? (
        <span className="badge badge-review badge-review-reference" data-testid="review-status" title="Read from a published source, not under team review">Reference</span>
      ) : (
        <span className={`badge badge-review badge-review-${status}`} data-testid="review-status">{REVIEW_STATUS_LABELS[status]}</span>
      )}
      {isBaseline ? <span className="badge badge-baseline" data-testid="baseline-badge">Baseline</span> : null}
    </>
  );
}
