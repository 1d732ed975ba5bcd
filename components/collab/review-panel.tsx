"use client";
import { RequiresWrite } from "@/components/auth/requires-write";
import { useReview, useSetReview } from "@/lib/hooks/use-collab";
import { REVIEW_STATUSES, REVIEW_STATUS_LABELS, type ReviewStatus } from "@/lib/schemas/collab";
import { formatWhen } from "./format";
import { ReviewStatusBadge } from "./review-status-badge";

export type ReviewPanelProps = { runId: string; isReference?: boolean };

/** Review status and baseline flag; members and admins change them, everyone sees who did last. */
export function ReviewPanel({ runId, isReference = false }: ReviewPanelProps) {
  const review = useReview(runId);
  const setReview = useSetReview(runId);
  if (!review.data) return <p className="muted">Loading review…</p>;
  const { status, isBaseline, changedBy, changedAt } = review.data;

  return (
    <section className="card" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      <div className="row">
        <ReviewStatusBadge status={status} isBaseline={isBaseline} isReference={isReference} />
        <span className="small muted" data-testid="review-changed">
          {changedBy && changedAt ? `changed by ${changedBy.name} (@${changedBy.username}), ${formatWhen(changedAt)}` : "not reviewed yet"}
        </span>
      </div>
      <RequiresWrite action="change the review status">
        <div className="row">
          <label>
            Review status
            <select value={status} disabled={setReview.isPending} onChange={(event) => setReview.mutate({ status: event.target.value as ReviewStatus })}>
              {REVIEW_STATUSES.map((value) => <option key={value} value={value}>{REVIEW_STATUS_LABELS[value]}</option>)}
            </select>
          </label>
          <label className="checkbox-row" style={{ flexDirection: "row" }}>
            <input type="checkbox" checked={isBaseline} disabled={setReview.isPending} onChange={(event) => setReview.mutate({ isBaseline: event.target.checked })} />
            Baseline
          </label>
        </div>
      </RequiresWrite>
      {setReview.isError ? <div className="error-banner" role="alert">{setReview.error.message}</div> : null}
    </section>
  );
}
