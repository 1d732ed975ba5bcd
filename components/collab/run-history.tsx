"use client";
import { useRunHistory } from "@/lib/hooks/use-collab";
import { describeEvent, formatWhen } from "./format";

export type RunHistoryProps = { runId: string };

/** Every change to the run, oldest first: field, old → new, who, when. */
export function RunHistory({ runId }: RunHistoryProps) {
  const history = useRunHistory(runId);
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {!history.data ? <p className="muted">Loading history…</p> : history.data.items.length === 0 ? <p className="muted">No recorded changes (seeded runs start without history).</p> : null}
      <ol className="timeline" data-testid="run-history">
        {history.data?.items.map((event) => (
          <li key={event.id}>
            <span className="small muted">{formatWhen(event.createdAt)}</span> <strong>{event.actor?.name ?? "system"}</strong> {describeEvent(event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
