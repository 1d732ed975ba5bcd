"use client";
import Link from "next/link";
import { DISAGREEMENT_RULE_SUMMARY } from "@/lib/claims";
import { useClaims, useSources } from "@/lib/hooks/use-sources";
import { ClaimCard } from "./claim-card";
import { sortSources } from "./claim-readings";
import { QueryStatus } from "./query-status";

export type ClaimListProps = { showAll: boolean };

/** The claims sources contradict each other on, or every claim with `showAll` (?all=1 in the URL). */
export function ClaimList({ showAll }: ClaimListProps) {
  const claims = useClaims(!showAll);
  const sources = useSources();
  const sourceOrder = sortSources(sources.data?.items ?? []).map((s) => s.id);
  const toggle = showAll ? (
    <Link href="/disagreements" className="button">Show only disagreements</Link>
  ) : (
    <Link href="/disagreements?all=1" className="button">Show all claims, including agreements</Link>
  );
  return (
    <div className="stack">
      <p className="muted small" data-testid="disagreement-rule">
        {DISAGREEMENT_RULE_SUMMARY}
      </p>
      <div className="row">
        <p className="muted small" aria-live="polite">
          {claims.data
            ? showAll
              ? `${claims.data.items.length} claims, ${claims.data.items.filter((c) => c.disagrees).length} with disagreeing sources`
              : `${claims.data.items.length} claims on which sources disagree`
            : null}
        </p>
        {toggle}
      </div>
      {claims.data ? (
        claims.data.items.length ? (
          claims.data.items.map((claim) => <ClaimCard key={claim.id} claim={claim} sourceOrder={sourceOrder} />)
        ) : (
          <div className="empty-state">{showAll ? "No claims yet." : "The sources agree on every claim."}</div>
        )
      ) : (
        <QueryStatus what="claims" isPending={claims.isPending} error={claims.error} />
      )}
    </div>
  );
}
