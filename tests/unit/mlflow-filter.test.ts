// MLflow's search grammar (lib/mlflow/filter.ts): what clients and MLflow's UI send parses to the same clauses
// MLflow's SearchUtils makes, runs match and sort as MLflow's SQL store answers, and page tokens round-trip.
import { describe, expect, it } from "vitest";
import { MlflowError } from "@/lib/mlflow/errors";
import {
  EXPERIMENT_SEARCH, type Searchable, decodePageToken, encodePageToken, likeToRegExp, matchesFilter, parseOrderBy, parseSearchFilter, sortSearchables,
} from "@/lib/mlflow/filter";

const run = (id: string, values: { metrics?: Record<string, number>; params?: Record<string, string>; tags?: Record<string, string>; attributes?: Record<string, string | number | null> }): Searchable & { id: string } => ({
  id,
  metrics: new Map(Object.entries(values.metrics ?? {})),
  params: new Map(Object.entries(values.params ?? {})),
  tags: new Map(Object.entries(values.tags ?? {})),
  attributes: { run_id: id, ...values.attributes },
});

const refuses = (filter: string, message: RegExp) => {
  let caught: unknown;
  try {
    parseSearchFilter(filter);
  } catch (error) {
    caught = error;
  }
  expect(caught, filter).toBeInstanceOf(MlflowError);
  expect((caught as MlflowError).errorCode).toBe("INVALID_PARAMETER_VALUE");
  expect((caught as MlflowError).message, filter).toMatch(message);
};

describe("parseSearchFilter", () => {
  it("parses the issue's example into one clause per entity", () => {
    expect(parseSearchFilter("metrics.x < 1 and params.y = 'z' and tags.t = 'v' and attributes.status = 'FINISHED'")).toEqual([
      { type: "metric", key: "x", comparator: "<", value: 1 },
      { type: "parameter", key: "y", comparator: "=", value: "z" },
      { type: "tag", key: "t", comparator: "=", value: "v" },
      { type: "attribute", key: "status", comparator: "=", value: "FINISHED" },
    ]);
  });

  it("reads backticked and double-quoted keys with spaces, slashes, colons and dots", () => {
    expect(parseSearchFilter('metrics.`memory/max_active (GiB)` >= 20.5 AND tags."mlflow.runName" LIKE \'sft%\' and metrics.train.loss<=1e-3')).toEqual([
      { type: "metric", key: "memory/max_active (GiB)", comparator: ">=", value: 20.5 },
      { type: "tag", key: "mlflow.runName", comparator: "LIKE", value: "sft%" },
      { type: "metric", key: "train.loss", comparator: "<=", value: 0.001 },
    ]);
  });

  it("takes MLflow's prefix aliases, != and <>, ILIKE, IN lists and bare attribute names", () => {
    expect(parseSearchFilter("metric.a != 2 and param.b <> 'c' and tag.d ILIKE '%X%' and run.run_id IN ('r1', 'r2') and run_name = 'n' and attr.start_time > 5")).toEqual([
      { type: "metric", key: "a", comparator: "!=", value: 2 },
      { type: "parameter", key: "b", comparator: "!=", value: "c" },
      { type: "tag", key: "d", comparator: "ILIKE", value: "%X%" },
      { type: "attribute", key: "run_id", comparator: "IN", value: ["r1", "r2"] },
      { type: "attribute", key: "run_name", comparator: "=", value: "n" },
      { type: "attribute", key: "start_time", comparator: ">", value: 5 },
    ]);
  });

  it("treats a blank filter as no filter", () => {
    expect(parseSearchFilter(undefined)).toEqual([]);
    expect(parseSearchFilter("   ")).toEqual([]);
  });

  it("refuses what MLflow refuses, with INVALID_PARAMETER_VALUE naming the problem", () => {
    refuses("metrics.loss < 'low'", /numeric value/);
    refuses("params.lr > '1'", /comparator/);
    refuses("params.lr = 1", /quoted string/);
    refuses("metrics.loss LIKE 1", /comparator/);
    refuses("attributes.colour = 'red'", /attribute key/);
    refuses("things.loss = 1", /entity type/);
    refuses("metrics.a < 1 or metrics.b < 2", /OR is not supported/);
    refuses("metrics.a < 1 metrics.b < 2", /AND/);
    refuses("params.lr = 'unterminated", /unterminated/);
    refuses("metrics.loss", /comparator/);
  });
});

describe("matchesFilter", () => {
  const a = run("a", { metrics: { loss: 0.5, nan: Number.NaN }, params: { lr: "2e-4" }, tags: { team: "NLP" }, attributes: { status: "FINISHED", start_time: 10 } });

  it("holds only when every clause holds", () => {
    expect(matchesFilter(a, parseSearchFilter("metrics.loss < 1 and params.lr = '2e-4'"))).toBe(true);
    expect(matchesFilter(a, parseSearchFilter("metrics.loss < 1 and params.lr = '1e-4'"))).toBe(false);
    expect(matchesFilter(a, parseSearchFilter("attributes.status = 'FINISHED' and attributes.start_time >= 10"))).toBe(true);
  });

  it("fails a clause on a missing key or a NaN value, != included, as MLflow's SQL join does", () => {
    expect(matchesFilter(a, parseSearchFilter("params.missing != 'x'"))).toBe(false);
    expect(matchesFilter(a, parseSearchFilter("metrics.nan != 1"))).toBe(false);
    expect(matchesFilter(a, parseSearchFilter("metrics.nan < 1"))).toBe(false);
  });

  it("matches LIKE case-sensitively and ILIKE without case, with % and _", () => {
    expect(matchesFilter(a, parseSearchFilter("tags.team LIKE 'N_P'"))).toBe(true);
    expect(matchesFilter(a, parseSearchFilter("tags.team LIKE 'nlp'"))).toBe(false);
    expect(matchesFilter(a, parseSearchFilter("tags.team ILIKE 'n%'"))).toBe(true);
    expect(likeToRegExp("a.b(c)%", false).test("a.b(c) and more")).toBe(true);
    expect(likeToRegExp("a.b", false).test("axb")).toBe(false);
  });
});

describe("order and pages", () => {
  it("sorts by order_by with missing values last in both directions, then by the fallback", () => {
    const runs = [run("r1", { metrics: { loss: 2 }, attributes: { start_time: 1 } }), run("r2", { attributes: { start_time: 2 } }), run("r3", { metrics: { loss: 1 }, attributes: { start_time: 3 } })];
    const fallback = parseOrderBy(["attributes.start_time DESC"]);
    expect(sortSearchables(runs, parseOrderBy(["metrics.loss ASC"]), fallback).map((r) => r.id)).toEqual(["r3", "r1", "r2"]);
    expect(sortSearchables(runs, parseOrderBy(["metrics.`loss` DESC"]), fallback).map((r) => r.id)).toEqual(["r1", "r3", "r2"]);
    expect(sortSearchables(runs, [], fallback).map((r) => r.id)).toEqual(["r3", "r2", "r1"]);
  });

  it("reads order_by items with and without a direction, and refuses trailing words", () => {
    expect(parseOrderBy(["metrics.loss", "params.`lr` desc", "run_name ASC"])).toEqual([
      { type: "metric", key: "loss", ascending: true },
      { type: "parameter", key: "lr", ascending: false },
      { type: "attribute", key: "run_name", ascending: true },
    ]);
    expect(parseOrderBy(["name DESC"], EXPERIMENT_SEARCH)).toEqual([{ type: "attribute", key: "name", ascending: false }]);
    expect(() => parseOrderBy(["metrics.loss DESC please"])).toThrow(MlflowError);
  });

  it("round-trips page tokens and refuses one it did not make", () => {
    expect(decodePageToken(encodePageToken(2500))).toBe(2500);
    expect(decodePageToken(undefined)).toBe(0);
    expect(() => decodePageToken("not a token")).toThrow(MlflowError);
    expect(() => decodePageToken(Buffer.from('{"offset": -1}').toString("base64"))).toThrow(MlflowError);
  });
});
