// lib/runs/columns.ts: the one grammar of column ids (URLs, saved views, the list API, the export) and the values
// typed columns export; lib/runs/filters.ts: the runs page's URL state with its columns and grouping.
import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, MAX_COLUMNS, columnLabel, columnsFromParam, extraColumnIds, fieldColumnValue, metricDirection, parseColumnId } from "@/lib/runs/columns";
import { filtersFromSearchParams, runsViewFromSearchParams, runsViewToSearchParams } from "@/lib/runs/filters";

describe("parseColumnId", () => {
  it("reads typed fields, raw params and tags verbatim, and metrics with a statistic or a step", () => {
    expect(parseColumnId("rank")).toEqual({ kind: "field", id: "rank", field: "rank" });
    expect(parseColumnId("param:lr=2e-4 (warm)")).toEqual({ kind: "param", id: "param:lr=2e-4 (warm)", key: "lr=2e-4 (warm)" });
    expect(parseColumnId("tag:mlflow.user")).toEqual({ kind: "tag", id: "tag:mlflow.user", key: "mlflow.user" });
    expect(parseColumnId("metric:eval/loss")).toEqual({ kind: "metric", id: "metric:eval/loss", key: "eval/loss", stat: "last" });
    expect(parseColumnId("metric:eval/loss:best")).toMatchObject({ key: "eval/loss", stat: "best" });
    expect(parseColumnId("metric:eval/loss@500")).toMatchObject({ key: "eval/loss", stat: "at", step: 500 });
  });

  it("refuses what is not a column: unknown fields and prefixes, statistics, steps and empty keys", () => {
    for (const id of ["colour", "foo:bar", "metric:loss:median", "metric:loss@-1", "metric:loss@1.5", "param:", "metric:", "metric:a:b:c", "param:a,b"]) {
      expect(parseColumnId(id), id).toBeNull();
    }
  });
});

describe("columnsFromParam", () => {
  it("gives the default columns when the URL names none or none that exist", () => {
    expect(columnsFromParam(null)).toEqual([...DEFAULT_COLUMNS]);
    expect(columnsFromParam("colour,size")).toEqual([...DEFAULT_COLUMNS]);
  });

  it("keeps the name first, drops unknown ids and repeats, and keeps the order given", () => {
    expect(columnsFromParam("metric:eval/loss,rank,colour,name,rank,param:lr")).toEqual(["name", "metric:eval/loss", "rank", "param:lr"]);
    expect(columnsFromParam("name")).toEqual(["name"]);
  });

  it(`keeps at most ${MAX_COLUMNS} columns`, () => {
    const ids = Array.from({ length: 60 }, (_, i) => `param:k${i}`).join(",");
    expect(columnsFromParam(ids)).toHaveLength(MAX_COLUMNS);
  });
});

describe("column labels and extras", () => {
  it("labels fields by name, raw columns by key and metrics with their statistic", () => {
    expect(columnLabel(parseColumnId("peakMemoryGb")!)).toBe("Peak memory");
    expect(columnLabel(parseColumnId("param:learning_rate")!)).toBe("learning_rate");
    expect(columnLabel(parseColumnId("metric:eval/loss:min")!)).toBe("eval/loss (min)");
    expect(columnLabel(parseColumnId("metric:eval/loss@100")!)).toBe("eval/loss @ 100");
  });

  it("sends the API only the columns whose values are not on the run row", () => {
    expect(extraColumnIds(["name", "rank", "param:lr", "tag:team", "metric:eval/loss:best"])).toEqual(["param:lr", "tag:team", "metric:eval/loss:best"]);
  });

  it("takes loss as lower-is-better and accuracy as higher-is-better", () => {
    expect(metricDirection("eval/loss")).toBe("min");
    expect(metricDirection("eval/accuracy")).toBe("max");
  });
});

describe("fieldColumnValue", () => {
  const run: Parameters<typeof fieldColumnValue>[0] = {
    id: "r1", hardwareName: null, hardwareLabel: "8x A100 (cluster)", experimentName: "Sweep", source: null, tags: ["a", "b"], oom: false,
    peakMemoryGb: null, peakMemoryGbMin: 24, peakMemoryGbMax: 32, targetModules: ["q_proj", "v_proj"], rank: 16, learningRate: 2e-4, gradientCheckpointing: true,
  };

  it("keeps numbers and booleans as they are and reads relations as the table shows them", () => {
    expect(fieldColumnValue(run, "rank")).toBe(16);
    expect(fieldColumnValue(run, "learningRate")).toBe(2e-4);
    expect(fieldColumnValue(run, "gradientCheckpointing")).toBe(true);
    expect(fieldColumnValue(run, "hardware")).toBe("8x A100 (cluster)");
    expect(fieldColumnValue(run, "experiment")).toBe("Sweep");
    expect(fieldColumnValue(run, "source")).toBeNull();
    expect(fieldColumnValue(run, "tags")).toBe("a;b");
    expect(fieldColumnValue(run, "targetModules")).toBe("q_proj;v_proj");
  });

  it("writes peak memory as the measured number, or a range, bound or OOM as text, never as a point", () => {
    expect(fieldColumnValue(run, "peakMemoryGb")).toBe("24-32");
    expect(fieldColumnValue({ ...run, peakMemoryGbMax: null }, "peakMemoryGb")).toBe("24+");
    expect(fieldColumnValue({ ...run, peakMemoryGbMin: null, peakMemoryGbMax: 8 }, "peakMemoryGb")).toBe("<=8");
    expect(fieldColumnValue({ ...run, peakMemoryGb: 14.5, peakMemoryGbMin: null, peakMemoryGbMax: null }, "peakMemoryGb")).toBe(14.5);
    expect(fieldColumnValue({ ...run, oom: true }, "peakMemoryGb")).toBe("OOM");
  });
});

describe("runs view in the URL", () => {
  it("round-trips filters, columns and grouping, and leaves the defaults out", () => {
    const params = new URLSearchParams("method=lora&columns=name,rank,param:lr,metric:eval/loss:best&group=method,param:seed&sort=rank&order=asc");
    const view = runsViewFromSearchParams(params);
    expect(view.columns).toEqual(["name", "rank", "param:lr", "metric:eval/loss:best"]);
    expect(view.group).toEqual(["method", "param:seed"]);
    expect(view.filters).toMatchObject({ method: ["lora"], sort: "rank", order: "asc", columns: ["param:lr", "metric:eval/loss:best"] });
    expect(Object.fromEntries(runsViewToSearchParams(view))).toEqual(Object.fromEntries(params));
    expect(runsViewToSearchParams(runsViewFromSearchParams(new URLSearchParams(""))).toString()).toBe("");
  });

  it("asks the list API only for the extra columns, so typed columns share the cached default query", () => {
    expect(filtersFromSearchParams({ columns: "name,rank,mmlu" }).columns).toBeUndefined();
    expect(filtersFromSearchParams({ columns: "rank,tag:team", method: "nonsense" })).toMatchObject({ columns: ["tag:team"] });
    expect(filtersFromSearchParams({ columns: "rank,tag:team", method: "nonsense" }).method).toBeUndefined();
  });

  it("drops group fields that cannot be grouped by", () => {
    expect(runsViewFromSearchParams(new URLSearchParams("group=method,colour,rank")).group).toEqual(["method", "rank"]);
  });
});
