export type QueryStatusProps = { what: string; isPending: boolean; error: Error | null };

/** What a view shows while its query has no data: a loading line, or the error in an alert. */
export function QueryStatus({ what, isPending, error }: QueryStatusProps) {
  if (error) return <div className="error-banner" role="alert">Could not load {what}: {error.message}</div>;
  if (isPending) return <p className="muted" aria-live="polite">Loading {what}…</p>;
  return null;
}
