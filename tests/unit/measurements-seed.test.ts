import { describe, expect, it } from "vitest";
import { countParameters } from "@/lib/predict/params";
import { TARGET_MODULES } from "@/lib/schemas/run";
import { hardware } from "@/seed/catalog/hardware";
import { models } from "@/seed/catalog/models";
import { MEASUREMENT_ROW_COUNT, measuredRuns, measurementSources, unrepresentedRows } from "@/seed/measurements";
import type { CellRef, MeasurementSeed } from "@/seed/types";

const GIB = 1.073741824;
const tableById = new Map(measurementSources.flatMap((source) => source.tables.map((table) => [table.id, table] as const)));

function cellText(ref: CellRef): string {
  const table = tableById.get(ref.table);
  if (!table) throw new Error(`no table ${ref.table}`);
  const row = ref.row === 0 ? table.header : table.rows[ref.row - 1];
  if (!row || ref.col >= row.length) throw new Error(`no cell ${ref.table} r${ref.row}c${ref.col}`);
  return row[ref.col]!;
}

const cellsOf = (run: MeasurementSeed, field: string) => run.cells.filter((c) => c.field === field).map((c) => c.cell);
const numbers = (text: string) => [...text.replace(/(\d),(\d{3})/g, "$1$2").matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));

/**
 * The memory figure as printed, read independently of the converter: "6.99 GiB", "67.68+73.07 GiB" (two GPUs of a
 * model-parallel run: the larger is the per-GPU peak), "35.65GiB*2" (each of 2 GPUs), "18235 MB", "6.7G", "17GB".
 */
function printedMemoryGb(original: string): { gb: number; figure: string } {
  const figure = /^[\d.,+-]+/.exec(original.replace(/\s+/g, ""))![0];
  const values = figure.split(/[+-]/).map(Number);
  const unit = /GiB/.test(original) ? GIB : /MB/.test(original) ? 1e-3 : 1;
  return { gb: Math.max(...values) * unit, figure };
}

const isGeneratedAt = (run: MeasurementSeed, sourceId: string) => run.sourceId === sourceId;

describe("measured benchmark seed", () => {
  it("accounts for every published row: runs plus unrepresented rows make 318, and no id repeats", () => {
    expect(MEASUREMENT_ROW_COUNT).toBe(318);
    expect(measuredRuns.length + unrepresentedRows.length).toBe(318);
    const ids = [...measuredRuns.map((run) => run.externalId), ...unrepresentedRows.map((row) => `seed:${row.id}`)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(measuredRuns.every((run) => run.externalId.startsWith(`seed:${run.sourceId}:`))).toBe(true);
  });

  it("gives every unrepresented row a reason, its verbatim quote and the original's address", () => {
    const sourceUrls = new Set(measurementSources.map((source) => source.url));
    for (const row of unrepresentedRows) {
      expect(row.reason.length, row.id).toBeGreaterThan(20);
      expect(row.quote.length, row.id).toBeGreaterThan(3);
      expect(sourceUrls.has(row.source), row.id).toBe(true);
    }
    // The quantizations the estimator does not model are listed, not seeded.
    expect(unrepresentedRows.filter((row) => /GPTQ/.test(row.reason)).length).toBe(30);
    expect(measuredRuns.some((run) => /gptq|awq|aqlm/i.test(run.measurement.quote) && run.method === "qlora" && !/bnb/.test(run.measurement.quote))).toBe(false);
  });

  it("cites each original document by repository, path, full commit and address, never the converted file", () => {
    for (const source of measurementSources) {
      expect(source.kind).toBe("measurement");
      expect(source.repository, source.id).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(source.path, source.id).toBeTruthy();
      expect(source.commit, source.id).toMatch(/^[0-9a-f]{40}$/);
      expect(source.url, source.id).toContain(`${source.repository}/blob/${source.commit}/${source.path}`);
      expect(JSON.stringify(source)).not.toMatch(/published\.jsonl|shared\/measurements/);
      expect(source.tables.length, source.id).toBeGreaterThan(0);
      for (const table of source.tables) {
        expect(table.id.startsWith(`${source.id}/`), table.id).toBe(true);
        for (const row of table.rows) expect(row.length, table.id).toBe(table.header.length);
      }
    }
  });

  it("links every run to cells that exist, and the memory cell holds the printed figure", () => {
    for (const run of measuredRuns) {
      expect(run.cells.length, run.externalId).toBeGreaterThan(0);
      for (const { cell } of run.cells) expect(() => cellText(cell), run.externalId).not.toThrow();
      const memoryCells = [...cellsOf(run, "peakMemoryGb"), ...cellsOf(run, "peakMemoryGbMax")];
      if (run.peakMemoryOriginal && memoryCells.length) {
        const { figure } = printedMemoryGb(run.peakMemoryOriginal);
        expect(memoryCells.some((cell) => cellText(cell).replace(/\s+/g, "").includes(figure)), run.externalId).toBe(true);
      }
    }
  });

  it("parses every run's memory back from its verbatim quote, with GiB and MB converted to GB", () => {
    let checked = 0;
    for (const run of measuredRuns) {
      if (!run.peakMemoryOriginal) continue;
      const { gb, figure } = printedMemoryGb(run.peakMemoryOriginal);
      expect(run.measurement.quote.replace(/\s+/g, ""), run.externalId).toContain(figure);
      if (run.peakMemoryGb !== undefined) expect(run.peakMemoryGb, run.externalId).toBeCloseTo(gb, 3);
      else if (run.peakMemoryGbMin !== undefined) {
        expect([run.peakMemoryGbMin, run.peakMemoryGbMax], run.externalId).toEqual(numbers(figure));
      } else expect(run.peakMemoryGbMax, run.externalId).toBeCloseTo(run.peakMemoryMeasure === "fits-in" ? gb * GIB : gb, run.peakMemoryMeasure === "fits-in" ? 2 : 3);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("converts a GiB figure with 2^30 bytes: ms-swift's 6.99 GiB is 7.5055 GB", () => {
    const run = measuredRuns.find((r) => r.externalId === "seed:ms-swift-benchmark:max-length-lora:qwen-1_8b-chat:512")!;
    expect(run.peakMemoryOriginal).toBe("6.99 GiB");
    expect(run.peakMemoryGb).toBeCloseTo(7.5055, 4);
    expect(run.peakMemoryMeasure).toBe("reserved");
  });

  it("parses every run's throughput back from its quote: samples/s, s/it with its samples per iteration, tokens/s per GPU, wall time", () => {
    for (const run of measuredRuns) {
      const printed = run.measurement.throughputOriginal;
      const hasThroughput = run.throughputSamplesPerSec !== undefined || run.throughputTokensPerSec !== undefined || run.wallTimeSec !== undefined;
      expect(Boolean(printed), run.externalId).toBe(hasThroughput);
      if (!printed) continue;
      const figure = /^[\d.,]+/.exec(printed)![0];
      const value = Number(figure.replace(/,/g, ""));
      expect(run.measurement.quote, run.externalId).toContain(figure);
      if (/s\/it$/.test(printed)) {
        const perIteration = run.measurement.samplesPerIteration!;
        expect(perIteration, run.externalId).toBe(8 * (run.gpuCount ?? 1));
        expect(run.throughputSamplesPerSec!, run.externalId).toBeCloseTo(perIteration / value, 3);
        expect(run.throughputTokensPerSec!, run.externalId).toBeCloseTo((perIteration * run.seqLen!) / value, 0);
      } else if (/TGS/.test(printed)) expect(run.throughputTokensPerSec, run.externalId).toBe(value * (run.gpuCount ?? 1));
      else if (/ s$/.test(printed)) expect(run.wallTimeSec, run.externalId).toBe(value);
      else expect(run.throughputSamplesPerSec, run.externalId).toBe(value);
    }
  });

  it("reads the sequence length back from the table where the row states it", () => {
    let checked = 0;
    for (const run of measuredRuns) {
      for (const cell of cellsOf(run, "seqLen")) {
        expect(numbers(cellText(cell))[0], run.externalId).toBe(run.seqLen);
        checked += 1;
      }
      if (isGeneratedAt(run, "qwen-profiling")) {
        const memory = cellsOf(run, "peakMemoryGb")[0]!;
        expect(Number(tableById.get(memory.table)!.header[memory.col]), run.externalId).toBe(run.seqLen);
        checked += 1;
      }
      if (/max-length-(lora|full)/.test(run.externalId)) {
        expect(Number(cellText(cellsOf(run, "config")[0]!)), run.externalId).toBe(run.seqLen);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it("reads trainable parameters back from the printed millions", () => {
    const withCount = measuredRuns.filter((run) => run.trainableParams !== undefined);
    expect(withCount.length).toBeGreaterThan(10);
    for (const run of withCount) {
      const printed = cellText(cellsOf(run, "trainableParams")[0]!);
      expect(run.trainableParams, run.externalId).toBe(Math.round(numbers(printed)[0]! * 1e6));
    }
  });

  it("uses catalogued models and GPUs only, and canonical target module names", () => {
    const modelIds = new Set(models.map((m) => m.id));
    const gpuIds = new Set(hardware.map((h) => h.id));
    for (const run of measuredRuns) {
      expect(modelIds.has(run.modelId), `${run.externalId}: ${run.modelId}`).toBe(true);
      if (run.hardwareId) expect(gpuIds.has(run.hardwareId), `${run.externalId}: ${run.hardwareId}`).toBe(true);
      else expect(Boolean(run.hardwareLabel) || run.isEstimate === true, run.externalId).toBe(true);
      for (const module of run.targetModules ?? []) expect(TARGET_MODULES as readonly string[]).toContain(module);
    }
  });

  it("flags estimates as estimates and never as measurements", () => {
    const estimates = measuredRuns.filter((run) => run.isEstimate);
    expect(estimates.length).toBe(10);
    for (const run of estimates) {
      expect(run.sourceId).toBe("llama-factory-hardware-requirement");
      expect(run.tags).toContain("estimate");
      expect(run.tags).not.toContain("measured");
    }
    for (const run of measuredRuns.filter((r) => !r.isEstimate)) expect(run.tags, run.externalId).toContain("measured");
  });

  it("keeps OOM as OOM: no memory and no speed", () => {
    const oom = measuredRuns.filter((run) => run.oom);
    expect(oom.length).toBeGreaterThan(5);
    for (const run of oom) {
      expect([run.peakMemoryGb, run.peakMemoryGbMin, run.peakMemoryGbMax, run.throughputSamplesPerSec, run.throughputTokensPerSec, run.wallTimeSec], run.externalId).toEqual([
        undefined, undefined, undefined, undefined, undefined, undefined,
      ]);
    }
  });

  it("records ms-swift's cls-fudan-news-zh rows as samples of varying length up to max_length with no stated mean: longer samples are dropped, not cut", () => {
    const rows = measuredRuns.filter((run) => run.sourceId === "ms-swift-benchmark" && run.datasetName === "cls-fudan-news-zh");
    expect(rows.length).toBeGreaterThan(60);
    for (const run of rows) {
      expect(run.measurement.seqLenKind, run.externalId).toMatch(/^(padded-longest|packed)$/);
      expect(run.measurement.meanTokensPerSample, run.externalId).toBeUndefined();
      expect(run.notes, run.externalId).toContain("truncation_strategy 'delete'");
    }
  });

  it("records no attention for ms-swift's ChatGLM3 and Baichuan2 rows: --use_flash_attn does not reach models registered without flash support", () => {
    const rows = measuredRuns.filter((run) => run.sourceId === "ms-swift-benchmark" && /^(chatglm3|baichuan2)/.test(run.modelId));
    expect(rows.length).toBeGreaterThan(10);
    for (const run of rows) {
      expect(run.attention, run.externalId).toBeUndefined();
      expect(run.notes, run.externalId).toContain("support_flash_attn");
    }
  });

  it("reads a 'fits in X GB' card size as X GiB: Unsloth's 80 GB budget is 85.9 GB, QLoRA's 48GB GPU 51.5 GB", () => {
    const unsloth = measuredRuns.find((run) => run.externalId === "seed:unsloth-context-length:llama-3.1-8b:80gb:unsloth");
    expect(unsloth?.peakMemoryOriginal).toBe("80 GB");
    expect(unsloth?.peakMemoryGbMax).toBe(85.9);
    const qlora = measuredRuns.find((run) => run.externalId === "seed:qlora-readme:guanaco-65b");
    expect(qlora?.peakMemoryGbMax).toBe(51.54);
  });

  it("records 'fits in X' as an upper bound only", () => {
    const bounds = measuredRuns.filter((run) => run.peakMemoryMeasure === "fits-in");
    expect(bounds.length).toBe(17);
    for (const run of bounds) {
      expect(run.peakMemoryGbMax, run.externalId).toBeGreaterThan(0);
      expect(run.peakMemoryGb, run.externalId).toBeUndefined();
      expect(run.peakMemoryGbMin, run.externalId).toBeUndefined();
    }
  });

  it("marks totals over several GPUs as totals and model-parallel splits per GPU", () => {
    const totals = measuredRuns.filter((run) => run.peakMemoryScope === "total");
    expect(totals.length).toBeGreaterThan(0);
    for (const run of totals) expect(run.gpuCount, run.externalId).toBeGreaterThan(1);
    for (const run of measuredRuns.filter((r) => r.tags?.includes("model-parallel") && !r.oom)) {
      expect(run.peakMemoryScope).toBe("per-gpu");
      expect(run.peakMemoryOriginal, run.externalId).toMatch(/\+/);
    }
  });

  it("records ms-swift's OOM rows under the model cell 'qwen-72b-chat (2*A100)' as 2-GPU model-parallel runs, like the rows above them", () => {
    const rows = measuredRuns.filter((run) => run.sourceId === "ms-swift-benchmark" && /^[^|]*\(2\*A100\)/.test(run.measurement.quote));
    expect(rows.filter((run) => run.oom).map((run) => run.seqLen)).toEqual([4096, 8192]);
    for (const run of rows) {
      expect(run.gpuCount, run.externalId).toBe(2);
      expect(run.tags, run.externalId).toContain("model-parallel");
    }
  });
});

describe("catalog models added for the measured rows", () => {
  const added = ["qwen-1.8b", "qwen-7b", "qwen-14b", "qwen-72b", "chatglm3-6b", "yi-6b", "yi-34b", "baichuan2-7b", "baichuan2-13b", "llama-65b", "llama-3-8b", "llama-3.3-70b"];

  it.each(added)("%s: totalParams is what its architecture counts to", (id) => {
    const model = models.find((m) => m.id === id)!;
    expect(model.totalParams).toBe(countParameters(model).total);
  });

  // The rows state sizes to three significant figures (6.24, 7.72, 72.3, 70.554); "65" for LLaMA 65B is the
  // marketing size, still within 0.5 % of the count, so every row is compared.
  it.each(added)("%s: within 3 percent of the parameter count the measured rows state", (id) => {
    const model = models.find((m) => m.id === id)!;
    const stated = measuredRuns.filter((run) => run.modelId === id).map((run) => run.measurement.paramsB);
    expect(stated.length).toBeGreaterThan(0);
    for (const billions of stated) expect(Math.abs(model.totalParams / 1e9 - billions) / billions).toBeLessThan(0.03);
  });

  it("stores Qwen v1's real MLP width, half the intermediate_size its config states", () => {
    const qwen7b = models.find((m) => m.id === "qwen-7b")!;
    expect(qwen7b.intermediateSize * 2).toBe(22016);
    expect(qwen7b.attentionBias).toBe(true);
    // ms-swift prints 7721.3245M parameters for qwen-7b-chat.
    expect(Math.round(qwen7b.totalParams / 1e2) / 1e4).toBe(7721.3245);
  });
});
