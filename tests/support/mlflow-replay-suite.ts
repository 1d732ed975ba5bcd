// The assertions every client replay makes (tests/api/mlflow-replay-*.test.ts): the session goes through, the run
// was live while it logged, and it arrives typed, with its raw params, tags, curves and artifacts.
import { describe, expect, it } from "vitest";
import { type ReplayFixture, type ReplayResult, loadReplay, metricPointCounts, readArtifact, readRun, runReplay } from "./mlflow-replay";

export function describeReplay(name: string): void {
  const fixture: ReplayFixture = loadReplay(name);
  describe(`MLflow replay: ${fixture.client}`, () => {
    // One replay per file, shared by the tests below; a failure fails each of them with the same message.
    let pending: Promise<ReplayResult> | null = null;
    const replayed = (): Promise<ReplayResult> => (pending ??= runReplay(fixture));

    it("every request of the recorded session gets the answer the client expects", async () => {
      const { runId } = await replayed();
      expect(runId).toMatch(/\S/);
    });

    it("the run shows as running while the client logs, then completed with its times", async () => {
      const { runId, statusWhileRunning } = await replayed();
      expect(statusWhileRunning).toBe("running");
      const run = await readRun(runId);
      expect(run.status).toBe("completed");
      expect(run.lastSeenAt).not.toBeNull();
      expect(run.startedAt).not.toBeNull();
      expect(run.endedAt).not.toBeNull();
    });

    it("the run arrives typed from what the client sent", async () => {
      const { runId } = await replayed();
      const run = await readRun(runId);
      expect(run).toMatchObject(fixture.expect.run);
      for (const [field, [value, tolerance]] of Object.entries(fixture.expect.runApprox ?? {})) {
        expect(run[field], field).not.toBeNull();
        expect(Math.abs(run[field] - value), `${field} = ${run[field]}, expected ${value}`).toBeLessThanOrEqual(tolerance);
      }
    });

    it("every param and tag is kept verbatim", async () => {
      const { runId } = await replayed();
      const run = await readRun(runId);
      expect(run.params).toMatchObject(fixture.expect.params);
      expect(run.keyTags).toMatchObject(fixture.expect.keyTags);
      const sentParams = fixture.requests.flatMap((r) => ((r.body as { params?: { key: string }[] } | undefined)?.params ?? []).map((p) => p.key));
      expect(Object.keys(run.params).sort()).toEqual([...new Set(sentParams)].sort());
    });

    it("the curves hold every logged step", async () => {
      const { runId } = await replayed();
      const counts = await metricPointCounts(runId);
      for (const [key, atLeast] of Object.entries(fixture.expect.metricPoints)) expect(counts[key] ?? 0, key).toBeGreaterThanOrEqual(atLeast);
    });

    if (fixture.expect.artifacts?.length) {
      it("uploaded artifacts read back byte for byte", async () => {
        const { vars } = await replayed();
        for (const [index, relative] of fixture.expect.artifacts!.entries()) {
          const upload = fixture.requests.filter((r) => r.method === "PUT")[index]!;
          const { status, text } = await readArtifact(vars.artifact_path!, relative);
          expect(status).toBe(200);
          expect(text).toBe(upload.rawBody);
        }
      });
    }
  });
}
