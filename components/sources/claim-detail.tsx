"use client";
import Link from "next/link";
import { useClaim, useSources } from "@/lib/hooks/use-sources";
import { DISAGREEMENT_RULE_SUMMARY } from "@/lib/claims";
import { groupBySource, hasNumber, isNumericClaim, readingLabel, sortSources, tableAnchor, verdict } from "./claim-readings";
import { QueryStatus } from "./query-status";
import { RangeChart } from "./range-chart";
import { VerdictBadge } from "./verdict-badge";

export type ClaimDetailProps = { id: string };

/** One claim: every source's verbatim answers side by side, where each came from, and the verdict. */
export function ClaimDetail({ id }: ClaimDetailProps) {
  const claim = useClaim(id);
  const sources = useSources();
  if (!claim.data) return <QueryStatus what="the claim" isPending={claim.isPending} error={claim.error} />;
  const c = claim.data;
  const ordered = sortSources(sources.data?.items ?? []);
  const groups = groupBySource(c, ordered.map((s) => s.id));
  const tableTitles = new Map(ordered.flatMap((s) => s.tables.map((t) => [t.id, t.title] as const)));
  const numeric = isNumericClaim(c);
  const cited = new Set(c.disagreements.flatMap((d) => d.evidenceIds));

  return (
    <article className="claim-detail">
      <p className="small">
        <Link href="/disagreements">← Disagreements</Link>
      </p>
      <header className="stack claim-header">
        <div className="row">
          <h1>{c.title}</h1>
          <VerdictBadge disagrees={c.disagrees} />
        </div>
        <p className="muted">
          {c.subject} · {c.quantity}
          {c.unit ? ` · in ${c.unit}` : null}
        </p>
        <p>{c.description}</p>
        <p className={`verdict ${c.disagrees ? "verdict-disagree" : "verdict-agree"}`} data-testid="claim-verdict">
          {verdict(c, groups)}
        </p>
        {c.disagreements.length ? (
          <div className="small" data-testid="claim-reasons">
            <strong>Why:</strong>
            <ul>
              {c.disagreements.map((d) => (
                <li key={d.rule}>{d.reason}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="muted small">{DISAGREEMENT_RULE_SUMMARY}</p>
      </header>

      {numeric && c.unit ? (
        <section aria-labelledby="claim-chart">
          <h2 id="claim-chart">On one axis</h2>
          <RangeChart groups={groups} unit={c.unit} />
        </section>
      ) : null}

      <section aria-labelledby="claim-answers">
        <h2 id="claim-answers">What each source says</h2>
        <div className="claim-columns">
          {groups.map((group, index) => (
            <section key={group.sourceId} className="claim-column" aria-labelledby={`answers-${group.sourceId}`}>
              <h3 id={`answers-${group.sourceId}`} className={`claim-column-head range-src-border-${index % 4}`}>
                <Link href={`/sources/${encodeURIComponent(group.sourceId)}`}>{group.title}</Link>
              </h3>
              <ol className="evidence-list">
                {group.evidence.map((evidence) => {
                  const tableTitle = evidence.cell ? (tableTitles.get(evidence.cell.tableId) ?? "its table") : null;
                  return (
                    <li key={evidence.id} className="evidence" data-cited={cited.has(evidence.id) ? "true" : undefined}>
                      <blockquote className="verbatim">{evidence.quote}</blockquote>
                      <p className="small muted evidence-origin">
                        {evidence.cell ? (
                          <>
                            Cell of{" "}
                            <Link href={`/sources/${encodeURIComponent(group.sourceId)}#${tableAnchor(evidence.cell.tableId)}`}>{tableTitle}</Link>: row “{evidence.cell.rowLabel}”, column “{evidence.cell.columnLabel}”
                          </>
                        ) : (
                          "From the article's text"
                        )}
                      </p>
                      <dl className="evidence-reading">
                        {hasNumber(evidence) ? (
                          <>
                            <dt>Reading</dt>
                            <dd>
                              <strong>{readingLabel(evidence, c.unit)}</strong>
                            </dd>
                          </>
                        ) : null}
                        {evidence.position ? (
                          <>
                            <dt>Position</dt>
                            <dd>
                              <strong>{evidence.position}</strong>
                            </dd>
                          </>
                        ) : null}
                        {evidence.note ? (
                          <>
                            <dt>Note</dt>
                            <dd>{evidence.note}</dd>
                          </>
                        ) : null}
                        {cited.has(evidence.id) ? (
                          <>
                            <dt>Verdict</dt>
                            <dd>cited in “Why” above</dd>
                          </>
                        ) : null}
                      </dl>
                    </li>
                  );
                })}
              </ol>
            </section>
          ))}
        </div>
      </section>
    </article>
  );
}
