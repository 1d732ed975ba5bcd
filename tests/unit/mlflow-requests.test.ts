// MLflow's request messages (lib/mlflow/requests.ts), step sampling (lib/mlflow/sampling.ts) and limits
// (lib/mlflow/limits.ts): what the Python client encodes is read as MLflow reads it.
import { describe, expect, it } from "vitest";
import { MlflowError } from "@/lib/mlflow/errors";
import { assertBatchLimits, assertParam } from "@/lib/mlflow/limits";
import { createRunRequest, getMetricHistoryBulkIntervalRequest, logBatchRequest, parseMlflowRequest, queryFields, searchRunsRequest, updateRunRequest } from "@/lib/mlflow/requests";
import { bulkIntervalSteps, sampleStepsInRange } from "@/lib/mlflow/sampling";

const errorOf = (work: () => unknown): MlflowError => {
  try {
    work();
  } catch (error) {
    if (error instanceof MlflowError) return error;
    throw error;
  }
  throw new Error("expected an MlflowError");
};

describe("request messages", () => {
  it("accepts int64 fields as numbers or strings (proto3 JSON) and ignores unknown fields", () => {
    expect(parseMlflowRequest(createRunRequest, { start_time: "1700000000000", experiment_id: 3, future_field: true })).toEqual({ start_time: 1_700_000_000_000, experiment_id: "3" });
  });

  it("reads metric values given as numbers, non-finite spellings or numeric strings, and defaults step to 0", () => {
    const parsed = parseMlflowRequest(logBatchRequest, {
      run_id: "r",
      metrics: [{ key: "a", value: "NaN", timestamp: 1 }, { key: "b", value: "-Infinity", timestamp: 1, step: "7" }, { key: "c", value: "0.5", timestamp: 1 }],
    });
    expect(parsed.metrics.map((m) => [m.value, m.step])).toEqual([[Number.NaN, 0], [-Infinity, 7], [0.5, 0]]);
    expect(parsed.params).toEqual([]);
  });

  it("names a missing field the way MLflow does, and refuses a bad one", () => {
    expect(errorOf(() => parseMlflowRequest(updateRunRequest, { status: "FINISHED" })).message).toMatch(/Missing value for required parameter 'run_id'/);
    expect(errorOf(() => parseMlflowRequest(logBatchRequest, { run_id: "r", metrics: [{ key: "a", value: 1, timestamp: 1.5 }] })).message).toMatch(/metrics\.0\.timestamp/);
    expect(parseMlflowRequest(updateRunRequest, { run_uuid: "r" })).toEqual({ run_uuid: "r" });
  });

  it("turns a repeated query key into a list and a single one into a one-item list", () => {
    const fields = queryFields("http://x/?run_ids=a&run_ids=b&metric_key=loss");
    expect(fields).toEqual({ run_ids: ["a", "b"], metric_key: "loss" });
    expect(parseMlflowRequest(getMetricHistoryBulkIntervalRequest, queryFields("http://x/?run_ids=a&metric_key=loss")).run_ids).toEqual(["a"]);
    expect(parseMlflowRequest(searchRunsRequest, { experiment_ids: "0", run_view_type: 3 })).toMatchObject({ experiment_ids: ["0"], run_view_type: "ALL" });
  });
});

describe("limits", () => {
  it("refuses a batch over any of MLflow's counts with its wording", () => {
    const many = (n: number) => Array.from({ length: n }, () => ({}));
    expect(() => assertBatchLimits({ metrics: many(1000), params: [], tags: [] })).not.toThrow();
    expect(errorOf(() => assertBatchLimits({ metrics: many(1001), params: [], tags: [] })).message).toMatch(/at most 1000 metrics. Got 1001/);
    expect(errorOf(() => assertBatchLimits({ metrics: many(900), params: many(100), tags: many(1) })).message).toMatch(/1000 total/);
    expect(() => assertParam({ key: "k", value: "v".repeat(6000) })).not.toThrow();
    expect(errorOf(() => assertParam({ key: "k", value: "v".repeat(6001) })).errorCode).toBe("INVALID_PARAMETER_VALUE");
  });
});

describe("get-history-bulk-interval sampling", () => {
  it("keeps every step when there are no more than max_results", () => {
    expect([...sampleStepsInRange(0, 10, 5, [1, 3, 5])]).toEqual([1, 3, 5]);
  });

  it("spaces max_results steps evenly and adds the last, as MLflow's handler does", () => {
    const steps = Array.from({ length: 100 }, (_, i) => i);
    expect([...sampleStepsInRange(0, 99, 4, steps)].sort((a, b) => a - b)).toEqual([0, 25, 50, 75, 99]);
  });

  it("adds each run's first and last step inside the range, defaults the range to 0..last step, and samples a late range (MLflow's handler returns only its last step there)", () => {
    const a = Array.from({ length: 100 }, (_, i) => i);
    expect(bulkIntervalSteps([a, [7, 55]], 10)).toEqual([0, 7, 10, 20, 30, 40, 50, 55, 60, 70, 80, 90, 99]);
    expect(bulkIntervalSteps([a, [7, 55]], 10, { start: 50, end: 60 })).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60]);
  });
});
