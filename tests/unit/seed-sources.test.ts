// Proves the seeded tables are a verbatim, complete transcription of the raw article text, and that the
// reference runs and claims only cite cells and sentences that exist, with values read from them.
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { sources } from "../../seed/sources";
import { referenceRuns } from "../../seed/reference-runs";
import { claims } from "../../seed/claims";
import type { CellRef, RunSeed, SourceSeed, TableSeed } from "../../seed/types";

const RAW_DIR = path.resolve(__dirname, "../../seed/sources/raw");

function rawText(source: SourceSeed): string {
  if (!source.seedFile) throw new Error(`source ${source.id} has no seedFile`);
  return fs.readFileSync(path.join(RAW_DIR, source.seedFile), "utf8");
}

const sourceById = new Map(sources.map((s) => [s.id, s]));
const tableById = new Map<string, { source: SourceSeed; table: TableSeed }>();
for (const source of sources) for (const table of source.tables) tableById.set(table.id, { source, table });

/** The text of a body cell, or undefined when the reference does not resolve. */
function cellText(ref: CellRef): string | undefined {
  const entry = tableById.get(ref.table);
  if (!entry || !Number.isInteger(ref.row) || !Number.isInteger(ref.col) || ref.row < 1) return undefined;
  return entry.table.rows[ref.row - 1]?.[ref.col];
}

// Hand-counted from the articles: (header + body lines) × columns.
const EXPECTED_CELLS: Record<string, number> = {
  "lora-vs-qlora-vs-full/decision-guide": 8 * 2,
  "lora-vs-qlora-vs-full/memory-by-size": 5 * 4,
  "lora-vs-qlora-vs-full/min-gpu": 4 * 4,
  "lora-vs-qlora-vs-full/speed-by-hardware": 4 * 4,
  "lora-vs-qlora-vs-full/mt-bench-by-size": 6 * 4,
  "lora-vs-qlora-vs-full/rank-impact": 8 * 4,
  "lora-vs-qlora-vs-full/rank-recommendations": 7 * 3,
  "lora-vs-qlora-vs-full/target-modules": 5 * 4,
  "qlora-vs-full-vram-tradeoff/comparison": 6 * 4,
  "exploring-lora-qlora-full/full-aspects": 6 * 2,
  "exploring-lora-qlora-full/lora-aspects": 6 * 2,
  "exploring-lora-qlora-full/qlora-aspects": 6 * 2,
  "exploring-lora-qlora-full/comparison": 4 * 5,
};
const EXPECTED_TOTAL_CELLS = 245;

const EXPECTED_SLUGS: Record<string, string[]> = {
  "lora-vs-qlora-vs-full": [
    "decision-guide",
    "memory-by-size",
    "min-gpu",
    "speed-by-hardware",
    "mt-bench-by-size",
    "rank-impact",
    "rank-recommendations",
    "target-modules",
  ],
  "qlora-vs-full-vram-tradeoff": ["comparison"],
  "exploring-lora-qlora-full": ["full-aspects", "lora-aspects", "qlora-aspects", "comparison"],
};

// Rows whose separator-less text could be split more than one way, pinned to the split the table means.
const SPLIT_PINS: [string, number, string[]][] = [
  ["lora-vs-qlora-vs-full/memory-by-size", 0, ["Model", "Full FT", "LoRA (r=16)", "QLoRA"]],
  ["lora-vs-qlora-vs-full/memory-by-size", 1, ["7B", "84GB+", "16GB", "6GB"]],
  ["lora-vs-qlora-vs-full/min-gpu", 3, ["70B", "8× A100", "2× A100", "A6000 48GB"]],
  ["lora-vs-qlora-vs-full/speed-by-hardware", 1, ["A100 80GB", "12.4", "18.2", "14.1"]],
  ["lora-vs-qlora-vs-full/mt-bench-by-size", 1, ["Base model", "4.2", "5.1", "6.3"]],
  ["lora-vs-qlora-vs-full/rank-impact", 3, ["16", "13.1M", "46.9", "6.4"]],
  ["lora-vs-qlora-vs-full/rank-impact", 6, ["128", "104.9M", "48.0", "6.7"]],
  ["lora-vs-qlora-vs-full/rank-impact", 7, ["Full", "6,738M", "48.3", "6.8"]],
  ["lora-vs-qlora-vs-full/rank-recommendations", 6, [">100K", "Any", "64-128 or Full FT"]],
  ["lora-vs-qlora-vs-full/target-modules", 2, ["All attention", "0.12%", "Low", "+3-5%"]],
  ["qlora-vs-full-vram-tradeoff/comparison", 2, ["VRAM Required (7B Model)", "100 - 120 GB", "24 - 32 GB", "8 - 12 GB"]],
  ["qlora-vs-full-vram-tradeoff/comparison", 5, ["Hardware Required", "Multiple A100/H100", "1x RTX 4090 / 3090", "1x RTX 4060 / 3060"]],
  ["exploring-lora-qlora-full/lora-aspects", 1, ["Memory Use", "~10-12GB (for 7B models, FP16)"]],
  ["exploring-lora-qlora-full/comparison", 1, ["Full Fine-Tuning", "28-32GB+", "Slow", "Best (with large data)", "Maximal flexibility; large datasets"]],
];

describe("sources", () => {
  it("lists the three articles in raw-file order with their metadata", () => {
    expect(sources.map((s) => s.id)).toEqual([
      "lora-vs-qlora-vs-full",
      "qlora-vs-full-vram-tradeoff",
      "exploring-lora-qlora-full",
    ]);
    expect(sources.map((s) => s.seedFile)).toEqual([
      "000-lora-vs-qlora-vs-full.txt",
      "001-qlora-vs-full-vram-tradeoff.txt",
      "002-exploring-lora-qlora-full.txt",
    ]);
    expect(sources.map((s) => s.rawCellSeparator)).toEqual(["", " ", ""]);
    expect(sources.length).toBe(3);
    const [s0, s1, s2] = sources as [SourceSeed, SourceSeed, SourceSeed];
    expect(s0.title).toBe("LoRA vs QLoRA vs Full Fine-Tuning: Which Approach Should You Use?");
    expect(s0.author).toBe("Flash Attention Team");
    expect(s0.publishedAt).toBe("2026-01-08");
    expect(s1.title).toBe("QLoRA vs Full Fine-Tuning The Local VRAM Trade-Off");
    expect(s1.author).toBe("AI World (@TheAIWorld)");
    expect(s1.publishedAt).toBeUndefined();
    expect(s2.title).toBe("Fine-Tuning LLMs: Exploring LoRA, QLoRA, and Full Fine-Tuning");
    expect(s2.publisher).toBe("Sesame Disk");
    for (const s of sources) {
      expect(s.kind).toBe("article");
      expect(s.summary?.length ?? 0).toBeGreaterThan(20);
      // The title is printed in the article itself.
      expect(rawText(s)).toContain(s.title);
    }
  });

  it("names and orders the tables as the articles do", () => {
    for (const s of sources) {
      expect(s.tables.map((t) => t.kind)).toEqual(EXPECTED_SLUGS[s.id]);
      for (const t of s.tables) {
        expect(t.id).toBe(`${s.id}/${t.kind}`);
        // Titles and captions are verbatim lines of the article.
        const lines = rawText(s).split("\n").map((l) => l.trim());
        expect(lines, `title of ${t.id}`).toContain(t.title);
        if (t.caption !== undefined) expect(lines, `caption of ${t.id}`).toContain(t.caption);
      }
    }
    expect(tableById.get("lora-vs-qlora-vs-full/memory-by-size")?.table.caption).toBe(
      "With gradient checkpointing and BF16/NF4",
    );
  });

  for (const source of sources) {
    describe(source.id, () => {
      for (const table of source.tables) {
        it(`${table.kind}: every row has one cell per header column, none blank or padded`, () => {
          expect(table.header.length).toBeGreaterThan(1);
          expect(table.rows.length).toBeGreaterThan(0);
          for (const [i, row] of [table.header, ...table.rows].entries()) {
            expect(row.length, `row ${i} of ${table.id}`).toBe(table.header.length);
            for (const cell of row) {
              expect(cell.length, `empty cell in row ${i} of ${table.id}`).toBeGreaterThan(0);
              expect(cell, `padded cell in row ${i} of ${table.id}`).toBe(cell.trim());
            }
          }
        });

        it(`${table.kind}: holds the hand-counted number of cells`, () => {
          const cells = table.header.length * (table.rows.length + 1);
          expect(cells).toBe(EXPECTED_CELLS[table.id]);
        });
      }

      it("every table reproduces consecutive raw lines exactly, in source order", () => {
        const sep = source.rawCellSeparator;
        expect(typeof sep).toBe("string");
        const lines = rawText(source).split("\n").map((l) => l.trim());
        let cursor = 0;
        for (const table of source.tables) {
          const headerLine = table.header.join(sep);
          const start = lines.indexOf(headerLine, cursor);
          expect(start, `header of ${table.id} not found after line ${cursor + 1}: "${headerLine}"`).toBeGreaterThanOrEqual(0);
          // The body rows are exactly the lines that follow the header, with nothing skipped or added.
          table.rows.forEach((row, i) => {
            expect(row.join(sep), `${table.id} body row ${i + 1}`).toBe(lines[start + 1 + i]);
          });
          const after = start + 1 + table.rows.length;
          // The table ends where the raw text leaves it: the next line is blank (or the file ends).
          expect(lines[after] ?? "", `${table.id}: a row after the last transcribed one`).toBe("");
          cursor = after;
        }
      });
    });
  }

  it("splits ambiguous rows the way the tables mean them", () => {
    for (const [tableId, row, expected] of SPLIT_PINS) {
      const t = tableById.get(tableId)?.table;
      expect(t, tableId).toBeDefined();
      expect(row === 0 ? t!.header : t!.rows[row - 1], `${tableId} row ${row}`).toEqual(expected);
    }
  });

  it("holds the hand-counted total number of cells", () => {
    const all = sources.flatMap((s) => s.tables);
    expect(all.map((t) => t.id).sort()).toEqual(Object.keys(EXPECTED_CELLS).sort());
    const total = all.reduce((n, t) => n + t.header.length * (t.rows.length + 1), 0);
    expect(total).toBe(EXPECTED_TOTAL_CELLS);
  });
});

// ------------------------------------------------------------------------------------- reference runs

const MODEL_IDS = new Set(["llama-7b", "llama-13b", "llama-34b", "llama-70b"]);
const HARDWARE_IDS = new Set([
  "rtx-3060",
  "rtx-3080",
  "rtx-3090",
  "rtx-4060",
  "rtx-4090",
  "a6000",
  "a100-40gb",
  "a100-80gb",
  "h100-80gb",
]);
// Hardware as the articles print it (multiplier stripped) → catalog id.
const HARDWARE_ALIASES: Record<string, string> = {
  "A100 80GB": "a100-80gb",
  "A100 40GB": "a100-40gb",
  A100: "a100-80gb", // size not given; the 80GB part is assumed (and said so in notes)
  "RTX 4090": "rtx-4090",
  "RTX 3080": "rtx-3080",
  "A6000 48GB": "a6000",
};
const RUN_FIELDS = new Set([
  "peakMemoryGb",
  "throughputSamplesPerSec",
  "mtBench",
  "mmlu",
  "trainableParams",
  "oom",
  "gpuCount",
  "hardware",
  "config",
  "trainableParamsPct",
  "memoryText",
  "qualityText",
  "costText",
  "accuracyText",
  "speedText",
  "flexibilityText",
  "useCaseText",
]);
const EXPECTED_RUNS_PER_TABLE: Record<string, number> = {
  "lora-vs-qlora-vs-full/memory-by-size": 12,
  "lora-vs-qlora-vs-full/min-gpu": 9,
  "lora-vs-qlora-vs-full/speed-by-hardware": 9,
  "lora-vs-qlora-vs-full/mt-bench-by-size": 12,
  "lora-vs-qlora-vs-full/rank-impact": 7,
  "lora-vs-qlora-vs-full/target-modules": 4,
  "qlora-vs-full-vram-tradeoff/comparison": 3,
  "exploring-lora-qlora-full/lora-aspects": 1,
  "exploring-lora-qlora-full/qlora-aspects": 1,
  "exploring-lora-qlora-full/comparison": 3,
};

/** "84GB+" → {lo 84, open}; "100 - 120 GB" → {lo 100, hi 120}; "~10-12GB (for 7B models, FP16)" → {10, 12}. */
function parseMemory(text: string): { lo: number; hi?: number; open: boolean } | undefined {
  const m = /^~?(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*GB(\+)?/.exec(text);
  if (!m) return undefined;
  return { lo: Number(m[1]), hi: m[2] === undefined ? undefined : Number(m[2]), open: m[3] === "+" };
}

const plainNumber = (text: string) => (/^\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined);

function tableOf(run: RunSeed): string {
  return run.cells[0]?.cell.table ?? "";
}

describe("reference runs", () => {
  it("have unique, well-formed externalIds", () => {
    const ids = referenceRuns.map((r) => r.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const run of referenceRuns) {
      const slug = tableOf(run).split("/")[1];
      expect(run.externalId).toMatch(new RegExp(`^seed:${run.sourceId}:${slug}:[a-z0-9-]+:[a-z0-9-]+$`));
    }
  });

  it("come in the expected number per table", () => {
    const counts: Record<string, number> = {};
    for (const run of referenceRuns) counts[tableOf(run)] = (counts[tableOf(run)] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED_RUNS_PER_TABLE);
    expect(referenceRuns.length).toBe(61);
  });

  it("cite only existing body cells of one table of their own source", () => {
    for (const run of referenceRuns) {
      expect(sourceById.has(run.sourceId), run.externalId).toBe(true);
      expect(run.cells.length, run.externalId).toBeGreaterThan(0);
      expect(run.cells.some((c) => c.field !== "config"), `${run.externalId} cites only config cells`).toBe(true);
      const tables = new Set(run.cells.map((c) => c.cell.table));
      expect(tables.size, run.externalId).toBe(1);
      for (const { field, cell } of run.cells) {
        expect(RUN_FIELDS.has(field), `${run.externalId}: unknown field ${field}`).toBe(true);
        expect(cellText(cell), `${run.externalId}: ${JSON.stringify(cell)} does not resolve`).toBeDefined();
        expect(tableById.get(cell.table)?.source.id, run.externalId).toBe(run.sourceId);
      }
    }
  });

  it("use catalog ids, the right quantization and describe themselves", () => {
    for (const run of referenceRuns) {
      expect(MODEL_IDS.has(run.modelId), `${run.externalId}: model ${run.modelId}`).toBe(true);
      if (run.hardwareId !== undefined) expect(HARDWARE_IDS.has(run.hardwareId), run.externalId).toBe(true);
      expect(["full", "lora", "qlora"]).toContain(run.method);
      expect(run.quantization, run.externalId).toBe(run.method === "qlora" ? "nf4" : "none");
      if (run.method === "full") {
        expect(run.rank, run.externalId).toBeUndefined();
        expect(run.targetModules, run.externalId).toBeUndefined();
      }
      expect(run.name.length, run.externalId).toBeGreaterThan(0);
      expect(run.notes?.length ?? 0, `${run.externalId} has no notes`).toBeGreaterThan(20);
      expect(run.tags?.length ?? 0, run.externalId).toBeGreaterThan(0);
    }
  });

  it("keep ranges consistent and never mix a point value with a range", () => {
    for (const run of referenceRuns) {
      const hasRange = run.peakMemoryGbMin !== undefined || run.peakMemoryGbMax !== undefined;
      expect(run.peakMemoryGb !== undefined && hasRange, run.externalId).toBe(false);
      if (run.peakMemoryGbMax !== undefined) {
        expect(run.peakMemoryGbMin, run.externalId).toBeDefined();
        expect(run.peakMemoryGbMin!).toBeLessThanOrEqual(run.peakMemoryGbMax);
      }
      if (run.oom) expect(run.throughputSamplesPerSec, run.externalId).toBeUndefined();
    }
  });

  it("take every value from a linked cell, and the cell text says that value", () => {
    for (const run of referenceRuns) {
      const linked = (field: string) => run.cells.filter((c) => c.field === field).map((c) => cellText(c.cell)!);
      const id = run.externalId;

      const memory = linked("peakMemoryGb");
      if (run.peakMemoryGb !== undefined || run.peakMemoryGbMin !== undefined || run.peakMemoryGbMax !== undefined) {
        expect(memory.length, `${id}: memory value without a memory cell`).toBeGreaterThan(0);
      }
      for (const text of memory) {
        const m = parseMemory(text);
        expect(m, `${id}: "${text}" is not a memory figure`).toBeDefined();
        if (run.peakMemoryGb !== undefined) {
          expect(m!.hi, id).toBeUndefined();
          expect(m!.open, id).toBe(false);
          expect(run.peakMemoryGb, id).toBe(m!.lo);
        } else {
          expect(run.peakMemoryGbMin, `${id}: min vs "${text}"`).toBe(m!.lo);
          if (m!.open) expect(run.peakMemoryGbMax, `${id}: "${text}" is open-ended`).toBeUndefined();
          else {
            expect(m!.hi, `${id}: "${text}" is a single value, not a range`).toBeDefined();
            expect(run.peakMemoryGbMax, `${id}: max vs "${text}"`).toBe(m!.hi);
          }
        }
      }

      for (const field of ["throughputSamplesPerSec", "mtBench", "mmlu"] as const) {
        const texts = linked(field);
        if (run[field] !== undefined) expect(texts.length, `${id}: ${field} without a cell`).toBeGreaterThan(0);
        for (const text of texts) {
          expect(plainNumber(text), `${id}: "${text}" for ${field}`).toBeDefined();
          expect(run[field], `${id}: ${field} vs "${text}"`).toBe(plainNumber(text));
        }
      }

      const params = linked("trainableParams");
      if (run.trainableParams !== undefined) expect(params.length, id).toBeGreaterThan(0);
      for (const text of params) {
        const m = /^(\d[\d,]*(?:\.\d+)?)M$/.exec(text);
        expect(m, `${id}: "${text}" is not a parameter count`).not.toBeNull();
        expect(run.trainableParams, `${id}: params vs "${text}"`).toBe(Math.round(Number(m![1]!.replace(/,/g, "")) * 1e6));
      }

      const oom = linked("oom");
      expect(oom.length > 0, `${id}: oom flag and OOM cell disagree`).toBe(run.oom === true);
      for (const text of oom) expect(text, id).toBe("OOM");

      const hardware = linked("hardware");
      if (run.hardwareId !== undefined || run.hardwareLabel !== undefined) {
        expect(hardware.length, `${id}: hardware without a cell`).toBeGreaterThan(0);
      }
      if (run.hardwareLabel !== undefined) expect(hardware, id).toContain(run.hardwareLabel);
      for (const text of hardware) {
        const mult = /^(\d+)\s*[×x]\s*(.+)$/.exec(text);
        if (mult) expect(run.gpuCount, `${id}: gpuCount vs "${text}"`).toBe(Number(mult[1]));
        if (run.hardwareId !== undefined) {
          const name = mult ? mult[2]! : text;
          expect(HARDWARE_ALIASES[name], `${id}: "${text}"`).toBe(run.hardwareId);
          if (name === "A100") expect(run.notes, id).toContain("80GB part is assumed");
        }
      }
    }
  });

  it("read every value cell of the tables that define runs", () => {
    const linked = new Set(referenceRuns.flatMap((r) => r.cells.map((c) => `${c.cell.table}|${c.cell.row}|${c.cell.col}`)));
    const mustLink: [string, number[], number[]][] = [
      ["lora-vs-qlora-vs-full/memory-by-size", [1, 2, 3, 4], [1, 2, 3]],
      ["lora-vs-qlora-vs-full/min-gpu", [1, 2, 3], [1, 2, 3]],
      ["lora-vs-qlora-vs-full/speed-by-hardware", [1, 2, 3], [1, 2, 3]],
      ["lora-vs-qlora-vs-full/mt-bench-by-size", [2, 3, 4, 5], [1, 2, 3]],
      ["lora-vs-qlora-vs-full/rank-impact", [1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3]],
      ["lora-vs-qlora-vs-full/target-modules", [1, 2, 3, 4], [0, 1, 2, 3]],
      ["qlora-vs-full-vram-tradeoff/comparison", [1, 2, 3, 4, 5], [1, 2, 3]],
      ["exploring-lora-qlora-full/lora-aspects", [1, 2, 3, 4, 5], [1]],
      ["exploring-lora-qlora-full/qlora-aspects", [1, 2, 3, 4, 5], [1]],
      ["exploring-lora-qlora-full/comparison", [1, 2, 3], [1, 2, 3, 4]],
    ];
    for (const [table, rows, cols] of mustLink)
      for (const row of rows) for (const col of cols) expect(linked.has(`${table}|${row}|${col}`), `${table} r${row}c${col}`).toBe(true);
    // The "Base model" row is not a fine-tune: no run reads it.
    for (const col of [0, 1, 2, 3]) expect(linked.has(`lora-vs-qlora-vs-full/mt-bench-by-size|1|${col}`)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------- claims

describe("claims", () => {
  it("have unique ids and include the required questions", () => {
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const required of [
      "memory-7b-full",
      "memory-7b-lora",
      "memory-7b-qlora",
      "speed-qlora-vs-lora",
      "hardware-7b-lora",
      "hardware-7b-qlora",
      "speed-full-vs-lora",
      "params-lora",
      "quality-qlora-vs-full",
    ]) {
      expect(ids).toContain(required);
    }
  });

  it("quote cells or article prose verbatim", () => {
    for (const claim of claims) {
      expect(claim.evidence.length, claim.id).toBeGreaterThan(0);
      for (const ev of claim.evidence) {
        const where = `${claim.id}: "${ev.quote}"`;
        const source = sourceById.get(ev.sourceId);
        expect(source, where).toBeDefined();
        expect(ev.quote.trim().length, where).toBeGreaterThan(0);
        if (ev.cell) {
          expect(tableById.get(ev.cell.table)?.source.id, `${where}: cell of another source`).toBe(ev.sourceId);
          expect(cellText(ev.cell), where).toBe(ev.quote);
        } else {
          expect(rawText(source!).includes(ev.quote), `${where} is not in ${source!.seedFile}`).toBe(true);
        }
      }
    }
  });

  it("give readable values or a note or position, with consistent ranges", () => {
    for (const claim of claims) {
      for (const ev of claim.evidence) {
        const where = `${claim.id}: "${ev.quote}"`;
        const hasValue = ev.valueMin !== undefined || (ev.valueMax !== undefined && ev.valueMax !== null);
        const hasWords = (ev.note?.length ?? 0) > 0 || (ev.position?.length ?? 0) > 0;
        expect(hasValue || hasWords, `${where} has neither value nor note nor position`).toBe(true);
        if (ev.position !== undefined) expect(ev.position.trim(), `${where}: position not trimmed`).toBe(ev.position);
        if (typeof ev.valueMin === "number" && typeof ev.valueMax === "number") {
          expect(ev.valueMin, where).toBeLessThanOrEqual(ev.valueMax);
        }
        if (ev.valueMax === null) expect(ev.valueMin, `${where}: open-ended without a lower bound`).toBeDefined();
        if (hasValue) expect(claim.unit, `${claim.id} has values but no unit`).toBeDefined();
      }
    }
  });

  it("each draw on at least two sources", () => {
    for (const claim of claims) {
      expect(new Set(claim.evidence.map((e) => e.sourceId)).size, claim.id).toBeGreaterThanOrEqual(2);
    }
  });
});
