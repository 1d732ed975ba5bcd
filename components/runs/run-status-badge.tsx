"use client";
import { useNow } from "@/lib/hooks/use-now";
import { formatSilence, runLiveness } from "@/lib/runs/liveness";
import type { Run } from "@/lib/schemas/run";

export type RunStatusBadgeProps = { run: Pick<Run, "status" | "lastSeenAt" | "updatedAt"> };

/** A run's status; a running run also says when a client last wrote to it, and "stale" after 15 silent minutes. */
export function RunStatusBadge({ run }: RunStatusBadgeProps) {
  const now = useNow();
  if (run.status !== "running" || now === null) {
    return <span className={`badge badge-status-${run.status}`} data-testid="run-status">{run.status}</span>;
  }
  const liveness = runLiveness(run, now);
  if (liveness.state === "ended") return null;
  const seen = formatSilence(liveness.silentForMs);
  return liveness.state === "live" ? (
    <span className="badge badge-status-running" data-testid="run-status" title={`Last seen ${liveness.lastSeenAt}`}>
      running · seen {seen}
    </span>
  ) : (
    <span className="badge badge-status-stale" data-testid="run-status" title={`Running, but silent since ${liveness.lastSeenAt}: the client may have stopped without saying so`}>
      stale · last seen {seen}
    </span>
  );
}
