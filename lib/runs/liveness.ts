// Live runs (issue 10, section 4): pure, so the run page, the runs table and the tests share one clock rule.
import type { Run } from "@/lib/schemas/run";

/** A running run that has not written for this long is shown as "stale" (the client may have died without a FAILED). */
export const STALE_AFTER_MS = 15 * 60 * 1000;
/** How often a page polls while something it shows is live; a stale run is polled rarely, in case it resumes. */
export const LIVE_REFETCH_MS = 5_000;
export const STALE_REFETCH_MS = 60_000;

export type Liveness =
  | { state: "live"; lastSeenAt: string; silentForMs: number }
  | { state: "stale"; lastSeenAt: string; silentForMs: number }
  | { state: "ended" };

type LivenessInput = Pick<Run, "status" | "lastSeenAt" | "updatedAt">;

/**
 * Whether a run is live now. Runs logged through the MLflow API carry lastSeenAt; a run set to "running" through
 * Tuneboard's own API has none, and its last write (updatedAt) is the best evidence of life it has.
 */
export function runLiveness(run: LivenessInput, now: number): Liveness {
  if (run.status !== "running") return { state: "ended" };
  const lastSeenAt = run.lastSeenAt ?? run.updatedAt;
  // A clock a little ahead on the server must not read as negative silence.
  const silentForMs = Math.max(0, now - Date.parse(lastSeenAt));
  return { state: silentForMs >= STALE_AFTER_MS ? "stale" : "live", lastSeenAt, silentForMs };
}

/** The refetch interval for a page showing these runs: fast while any is live, slow while only stale ones run, else off. */
export function liveRefetchInterval(runs: readonly LivenessInput[], now: number): number | false {
  let interval: number | false = false;
  for (const run of runs) {
    const { state } = runLiveness(run, now);
    if (state === "live") return LIVE_REFETCH_MS;
    if (state === "stale") interval = STALE_REFETCH_MS;
  }
  return interval;
}

/** "just now", "40 s ago", "12 min ago", "3 h ago", "2 d ago". */
export function formatSilence(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 10) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}
