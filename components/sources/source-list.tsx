"use client";
import Link from "next/link";
import { useSources } from "@/lib/hooks/use-sources";
import { sortSources } from "./claim-readings";
import { QueryStatus } from "./query-status";
import { SourceKindBadge } from "./source-kind-badge";
import { SourceLocation } from "./source-location";

/** Every source as a card: who wrote it, when, what it covers, and how much of it the database holds. */
export function SourceList() {
  const sources = useSources();
  if (!sources.data) return <QueryStatus what="sources" isPending={sources.isPending} error={sources.error} />;
  const items = sortSources(sources.data.items);
  if (items.length === 0) return <div className="empty-state">No sources yet. Seed the database with npm run db:setup.</div>;
  return (
    <ul className="source-list grid-2" aria-label="Sources">
      {items.map((source) => {
        const byline = [source.author, source.publisher].filter(Boolean).join(" · ");
        return (
          <li key={source.id} className="card stack">
            <div>
              <h2 className="source-list-title">
                <Link href={`/sources/${encodeURIComponent(source.id)}`}>{source.title}</Link>
              </h2>
              <p className="muted small row">
                <SourceKindBadge kind={source.kind} />
                <span>{byline || "author not given"}</span>
                <span aria-hidden="true">·</span>
                {source.publishedAt ? <time dateTime={source.publishedAt}>{source.publishedAt}</time> : <span>date not given</span>}
              </p>
            </div>
            {source.summary ? <p className="source-summary">{source.summary}</p> : null}
            <SourceLocation source={source} />
            <p className="muted small">
              {source.tables.length} {source.tables.length === 1 ? "table" : "tables"} · {source.runCount} reference {source.runCount === 1 ? "run" : "runs"}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
