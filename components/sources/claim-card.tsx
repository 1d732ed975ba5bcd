import Link from "next/link";
import type { ReactNode } from "react";
import type { ClaimView } from "@/lib/schemas/source";
import { comparesReadings, groupBySource, hasNumber, leadEvidence, readingLabel } from "./claim-readings";
import { VerdictBadge } from "./verdict-badge";

/** The non-empty parts, separated by " · ". */
function joinParts(parts: (ReactNode | null)[]): ReactNode[] {
  return parts.filter((part) => part !== null).flatMap((part, index) => (index ? [" · ", part] : [part]));
}

export type ClaimCardProps = { claim: ClaimView; sourceOrder: readonly string[] };

/** A claim with each source's leading answer side by side and, when they disagree, why; the claim page has every answer. */
export function ClaimCard({ claim, sourceOrder }: ClaimCardProps) {
  const groups = groupBySource(claim, sourceOrder);
  const byReading = comparesReadings(claim, groups);
  const headingId = `claim-${claim.id}`;
  const href = `/claims/${encodeURIComponent(claim.id)}`;
  return (
    <article className="card claim-card" aria-labelledby={headingId} data-claim-id={claim.id}>
      <div className="claim-card-head">
        <h2 id={headingId}>
          <Link href={href}>{claim.title}</Link>
        </h2>
        <VerdictBadge disagrees={claim.disagrees} />
      </div>
      <p className="muted small">{claim.subject}</p>
      {claim.disagreements[0] ? (
        <p className="small" data-testid="claim-reason">
          <strong>Why:</strong> {claim.disagreements[0].reason}
        </p>
      ) : null}
      <div className="claim-sides">
        {groups.map((group) => {
          const evidence = leadEvidence(group, byReading);
          if (!evidence) return null;
          const others = group.evidence.length - 1;
          return (
            <section key={group.sourceId} className="claim-side" aria-label={group.title}>
              <h3 className="claim-side-source">
                <Link href={`/sources/${encodeURIComponent(group.sourceId)}`}>{group.title}</Link>
              </h3>
              <blockquote className="verbatim">{evidence.quote}</blockquote>
              <p className="claim-reading">
                {joinParts([
                  claim.unit && hasNumber(evidence) ? <strong key="reading">{readingLabel(evidence, claim.unit)}</strong> : null,
                  evidence.position ? <strong key="position">{evidence.position}</strong> : null,
                  evidence.note ? (
                    <span key="note" className="muted">
                      {evidence.note}
                    </span>
                  ) : null,
                ])}
              </p>
              {others > 0 ? (
                <p className="muted small">
                  +{others} more {others === 1 ? "answer" : "answers"} from this source
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
      <p className="small">
        <Link href={href} aria-label={`Compare every answer: ${claim.title}`}>
          Compare every answer →
        </Link>
      </p>
    </article>
  );
}
