"use client";
import Link from "next/link";
import { useClaims, useSource } from "@/lib/hooks/use-sources";
import { QueryStatus } from "./query-status";
import { SourceKindBadge } from "./source-kind-badge";
import { SourceLocation } from "./source-location";
import { SourceTable } from "./source-table";

export type SourceViewProps = { id: string };

/** One source: its header, every table as printed, and the claims it answers. */
export function SourceView({ id }: SourceViewProps) {
  const source = useSource(id);
  const claims = useClaims(false);
  if (!source.data) return <QueryStatus what="the source" isPending={source.isPending} error={source.error} />;
  const s = source.data;
  const byline = [s.author, s.publisher].filter(Boolean).join(" · ");
  const cellCount = s.tables.reduce((sum, table) => sum + table.cellCount, 0);
  const ownClaims = (claims.data?.items ?? []).filter((claim) => claim.evidence.some((e) => e.sourceId === id));
  return (
    <article className="source-view">
      <p className="small">
        <Link href="/sources">← All sources</Link>
      </p>
      <header className="page-header">
        <div className="stack source-header">
          <h1>{s.title}</h1>
          <p className="muted row">
            <SourceKindBadge kind={s.kind} />
            <span>{byline || "author not given"}</span>
            <span aria-hidden="true">·</span>
            {s.publishedAt ? <time dateTime={s.publishedAt}>{s.publishedAt}</time> : <span>date not given</span>}
          </p>
          {s.summary ? <p>{s.summary}</p> : null}
          <SourceLocation source={s} />
          <p className="muted small">
            {s.tables.length} {s.tables.length === 1 ? "table" : "tables"} · {cellCount} cells · {s.runCount} reference runs
            {s.runCount ? (
              <>
                {" "}
                (<Link href={`/runs?source=${encodeURIComponent(s.id)}`}>list them</Link>)
              </>
            ) : null}
            . Highlighted cells link to the run read from them.
            {s.estimateCount ? (
              <>
                {" "}
                <span className="badge badge-estimate">{s.estimateCount} {s.estimateCount === 1 ? "estimate" : "estimates"}</span> Cells marked “estimate” are
                figures the source publishes as estimates, not measurements: shown, never used to calibrate.
              </>
            ) : null}
          </p>
        </div>
      </header>

      {s.tables.length === 0 ? <div className="empty-state">This source has no tables.</div> : null}
      {s.tables.map((table) => (
        <SourceTable key={table.id} table={table} sourceId={s.id} />
      ))}

      <section aria-labelledby="source-claims" className="source-claims">
        <h2 id="source-claims">Claims this source takes part in</h2>
        {claims.data ? (
          ownClaims.length ? (
            <ul>
              {ownClaims.map((claim) => (
                <li key={claim.id}>
                  <Link href={`/claims/${encodeURIComponent(claim.id)}`}>{claim.title}</Link>{" "}
                  {claim.disagrees ? <span className="badge badge-disagree">sources disagree</span> : <span className="badge badge-agree">sources agree</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No claim cites this source.</p>
          )
        ) : (
          <QueryStatus what="claims" isPending={claims.isPending} error={claims.error} />
        )}
      </section>
    </article>
  );
}
