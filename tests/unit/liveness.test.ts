import { describe, expect, it } from "vitest";
import { LIVE_REFETCH_MS, STALE_REFETCH_MS, formatSilence, liveRefetchInterval, runLiveness } from "@/lib/runs/liveness";

const NOW = Date.parse("2026-11-30T12:00:00.000Z");
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const run = (status: "running" | "completed" | "failed" | "planned", lastSeenAt: string | null, updatedAt = minutesAgo(600)) => ({ status, lastSeenAt, updatedAt });

describe("runLiveness", () => {
  it("is live while a running run wrote within the last 15 minutes", () => {
    expect(runLiveness(run("running", minutesAgo(14.9)), NOW)).toEqual({ state: "live", lastSeenAt: minutesAgo(14.9), silentForMs: 14.9 * 60_000 });
  });

  it("is stale once a running run has been silent for exactly 15 minutes", () => {
    expect(runLiveness(run("running", minutesAgo(15)), NOW).state).toBe("stale");
    expect(runLiveness(run("running", minutesAgo(60 * 24)), NOW).state).toBe("stale");
  });

  it("is ended for completed, failed and planned runs however recently they were seen", () => {
    for (const status of ["completed", "failed", "planned"] as const) expect(runLiveness(run(status, minutesAgo(0)), NOW)).toEqual({ state: "ended" });
  });

  it("falls back to updatedAt for a running run that no MLflow client has written to", () => {
    expect(runLiveness(run("running", null, minutesAgo(2)), NOW)).toMatchObject({ state: "live", lastSeenAt: minutesAgo(2) });
    expect(runLiveness(run("running", null, minutesAgo(20)), NOW).state).toBe("stale");
  });

  it("reads a last-seen time slightly in the future (server clock ahead) as zero silence, not negative", () => {
    expect(runLiveness(run("running", new Date(NOW + 3000).toISOString()), NOW)).toMatchObject({ state: "live", silentForMs: 0 });
  });
});

describe("liveRefetchInterval", () => {
  it("polls fast while any shown run is live, even beside stale and ended ones", () => {
    expect(liveRefetchInterval([run("completed", null), run("running", minutesAgo(30)), run("running", minutesAgo(1))], NOW)).toBe(LIVE_REFETCH_MS);
  });

  it("polls slowly while the only running runs are stale", () => {
    expect(liveRefetchInterval([run("completed", null), run("running", minutesAgo(30))], NOW)).toBe(STALE_REFETCH_MS);
  });

  it("does not poll when nothing shown is running", () => {
    expect(liveRefetchInterval([run("completed", minutesAgo(0)), run("failed", null)], NOW)).toBe(false);
    expect(liveRefetchInterval([], NOW)).toBe(false);
  });
});

describe("formatSilence", () => {
  it("words the silence at each scale", () => {
    expect([5_000, 40_000, 12 * 60_000, 3 * 3_600_000, 72 * 3_600_000].map(formatSilence)).toEqual(["just now", "40 s ago", "12 min ago", "3 h ago", "3 d ago"]);
  });
});
