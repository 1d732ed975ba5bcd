// The read-only API around the seeded articles (sources, claims), the catalogs, the export and the OpenAPI
// document, called in-process against this file's own copy of the seeded database.
import { describe, expect, it } from "vitest";
import * as claimsRoute from "@/app/api/claims/route";
import * as claimRoute from "@/app/api/claims/[id]/route";
import * as exportRoute from "@/app/api/export/route";
import * as hardwareRoute from "@/app/api/hardware/route";
import * as modelsRoute from "@/app/api/models/route";
import * as openapiRoute from "@/app/api/openapi.json/route";
import * as runsRoute from "@/app/api/runs/route";
import * as runRoute from "@/app/api/runs/[id]/route";
import * as sourcesRoute from "@/app/api/sources/route";
import * as sourceRoute from "@/app/api/sources/[id]/route";
import type { ClaimView, SourceDetail, SourceSummary } from "@/lib/schemas/source";
import { measurementSources } from "../../seed/measurements";
import { sources as seededSources } from "../../seed/sources";
import { call } from "../support/api";
import { parseCsv } from "../support/csv";

const S000 = "lora-vs-qlora-vs-full";
const S001 = "qlora-vs-full-vram-tradeoff";
const S002 = "exploring-lora-qlora-full";

// Counted from the seed itself, so a cell lost between seed and API shows up as a mismatch.
const SEEDED_CELLS = seededSources.flatMap((s) => s.tables).reduce((sum, t) => sum + (t.rows.length + 1) * t.header.length, 0);

async function getSource(id: string) {
  return call<SourceDetail>(sourceRoute.GET, { path: `/api/sources/${id}`, params: { id } });
}

describe("GET /api/sources", () => {
  it("lists the three seeded articles and the published measurements with their tables", async () => {
    const { status, body } = await call<{ items: SourceSummary[] }>(sourcesRoute.GET, { path: "/api/sources" });
    expect(status).toBe(200);
    expect(body.items.map((s) => s.id).sort()).toEqual([S002, S000, S001, ...measurementSources.map((s) => s.id)].sort());
    expect(body.items.filter((s) => s.kind === "measurement").map((s) => s.id).sort()).toEqual(measurementSources.map((s) => s.id).sort());
    const s000 = body.items.find((s) => s.id === S000)!;
    expect(s000).toMatchObject({ kind: "article", title: "LoRA vs QLoRA vs Full Fine-Tuning: Which Approach Should You Use?", author: "Flash Attention Team" });
    expect(s000.tables).toHaveLength(8);
    expect(s000.runCount).toBeGreaterThan(40);
    expect(body.items.every((s) => s.tables.length > 0 && typeof s.createdAt === "string")).toBe(true);
  });
});

describe("GET /api/sources/{id}", () => {
  it("returns every table with every cell verbatim", async () => {
    const { status, body } = await getSource(S000);
    expect(status).toBe(200);
    const memory = body.tables.find((t) => t.title === "Training Memory by Model Size")!;
    expect(memory).toBeDefined();
    expect(memory.caption).toBe("With gradient checkpointing and BF16/NF4");
    expect(memory.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ["Model", "Full FT", "LoRA (r=16)", "QLoRA"],
      ["7B", "84GB+", "16GB", "6GB"],
      ["13B", "156GB+", "28GB", "10GB"],
      ["34B", "408GB+", "72GB", "24GB"],
      ["70B", "840GB+", "150GB", "42GB"],
    ]);
    // Tables in article order, exactly as the seed holds them.
    const seed = seededSources.find((s) => s.id === S000)!;
    expect(body.tables.map((t) => t.title)).toEqual(seed.tables.map((t) => t.title));
    for (const [i, table] of body.tables.entries()) {
      const seeded = seed.tables[i]!;
      expect(table.rows.map((row) => row.map((cell) => cell.text))).toEqual([seeded.header, ...seeded.rows]);
    }
  });

  it("holds as many cells as the seed, every row with colCount cells", async () => {
    let total = 0;
    for (const id of [S000, S001, S002]) {
      const { body } = await getSource(id);
      for (const table of body.tables) {
        expect(table.rows).toHaveLength(table.rowCount + 1);
        for (const row of table.rows) {
          expect(row).toHaveLength(table.colCount);
          // A sparse array would have the right length and a hole in it.
          expect(row.every((cell) => cell !== undefined && typeof cell.text === "string")).toBe(true);
        }
        expect(table.cellCount).toBe((table.rowCount + 1) * table.colCount);
        total += table.cellCount;
      }
    }
    expect(total).toBe(245);
    expect(total).toBe(SEEDED_CELLS);
  });

  it("links cells to the runs read from them, and those runs exist", async () => {
    const { body } = await getSource(S000);
    const memory = body.tables.find((t) => t.kind === "memory-by-size")!;
    const cell = memory.rows[1]![2]!; // 7B, LoRA (r=16): "16GB"
    expect(cell.text).toBe("16GB");
    expect(cell.runIds).toHaveLength(1);
    const run = await call(runRoute.GET, { params: { id: cell.runIds[0]! } });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ method: "lora", peakMemoryGb: 16, source: { id: S000 } });
    expect(run.body.cells).toContainEqual(expect.objectContaining({ cellId: cell.id, text: "16GB", field: "peakMemoryGb" }));
    // Header cells are never a run's value.
    expect(memory.rows[0]!.every((c) => c.runIds.length === 0)).toBe(true);

    const linked = body.tables.flatMap((t) => t.rows.flat()).filter((c) => c.runIds.length > 0);
    expect(linked.length).toBeGreaterThan(20);
    const runIds = [...new Set(linked.flatMap((c) => c.runIds))];
    for (const id of runIds) {
      const { status, body: detail } = await call(runRoute.GET, { params: { id } });
      expect(status).toBe(200);
      expect(detail.source.id).toBe(S000);
    }
  });

  it("answers an unknown source with 404 not_found", async () => {
    const { status, body } = await getSource("no-such-article");
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "not_found", message: expect.stringContaining("no-such-article") } });
  });
});

describe("GET /api/claims", () => {
  it("lists the claims sources disagree on, the 7B LoRA memory claim among them", async () => {
    const { status, body } = await call<{ items: ClaimView[] }>(claimsRoute.GET, { path: "/api/claims?disagreeing=true" });
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((c) => c.disagrees)).toBe(true);
    const lora = body.items.find((c) => c.id === "memory-7b-lora")!;
    expect(lora).toBeDefined();
    expect(lora.sourceCount).toBe(3);
    expect(new Set(lora.evidence.map((e) => e.sourceId))).toEqual(new Set([S000, S001, S002]));
    expect(lora.disagreements.map((d) => d.rule)).toEqual(["disjoint"]);
    expect(lora.evidence.map((e) => e.quote)).toEqual(expect.arrayContaining(["16GB", "24 - 32 GB", "~10-12GB (for 7B models, FP16)"]));
    const cellEvidence = lora.evidence.find((e) => e.quote === "16GB")!;
    expect(cellEvidence).toMatchObject({ valueMin: 16, valueMax: 16, cell: { tableId: `${S000}/memory-by-size`, rowLabel: "7B", columnLabel: "LoRA (r=16)" } });
  });

  it("leaves out claims whose sources agree, though their notes differ", async () => {
    const { body } = await call<{ items: ClaimView[] }>(claimsRoute.GET, { path: "/api/claims?disagreeing=true" });
    const ids = body.items.map((c) => c.id);
    // Both sources say LoRA trains faster than full fine-tuning, each in its own words.
    expect(ids).not.toContain("speed-full-vs-lora");
    expect(ids).toContain("speed-qlora-vs-lora");
    expect(ids).toContain("memory-70b-full");
    const all = await call<{ items: ClaimView[] }>(claimsRoute.GET, { path: "/api/claims" });
    const speed = all.body.items.find((c) => c.id === "speed-full-vs-lora")!;
    expect(speed).toMatchObject({ disagrees: false, disagreements: [] });
    expect(new Set(speed.evidence.map((e) => e.note).filter(Boolean)).size).toBeGreaterThan(1);
    expect(new Set(speed.evidence.map((e) => e.position).filter(Boolean))).toEqual(new Set(["LoRA faster than full FT"]));
  });

  it("lists at least as many claims without the filter, agreeing ones included", async () => {
    const disagreeing = await call<{ items: ClaimView[] }>(claimsRoute.GET, { path: "/api/claims?disagreeing=true" });
    const all = await call<{ items: ClaimView[] }>(claimsRoute.GET, { path: "/api/claims" });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(disagreeing.body.items.length);
    expect(all.body.items.some((c) => !c.disagrees)).toBe(true);
    expect(all.body.items.find((c) => c.id === "params-full")).toMatchObject({ disagrees: false });
    const explicitFalse = await call<{ items: ClaimView[] }>(claimsRoute.GET, { path: "/api/claims?disagreeing=false" });
    expect(explicitFalse.body.items.map((c) => c.id)).toEqual(all.body.items.map((c) => c.id));
  });

  it("rejects a bad filter with 400", async () => {
    const { status, body } = await call(claimsRoute.GET, { path: "/api/claims?disagreeing=maybe" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(["disagreeing"]);
  });
});

describe("GET /api/claims/{id}", () => {
  it("returns one claim with each source's verbatim answers", async () => {
    const { status, body } = await call<ClaimView>(claimRoute.GET, { params: { id: "memory-7b-lora" } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "memory-7b-lora", title: "Peak memory of a 7B LoRA fine-tune", unit: "GB", disagrees: true });
    expect(body.evidence.find((e) => e.quote === "24 - 32 GB")).toMatchObject({ sourceId: S001, valueMin: 24, valueMax: 32, source: { title: expect.any(String) } });
    expect(body.evidence.find((e) => e.quote === "16GB")).toMatchObject({ note: "r=16, gradient checkpointing, BF16", position: null });
  });

  it("carries the reason sources disagree: the rule, the two answers and a sentence", async () => {
    const { body } = await call<ClaimView>(claimRoute.GET, { params: { id: "memory-7b-lora" } });
    expect(body.disagreements).toHaveLength(1);
    const [reason] = body.disagreements;
    expect(reason).toEqual({
      rule: "disjoint",
      evidenceIds: [expect.any(String), expect.any(String)],
      reason: "16 GB (Flash Attention Team) vs 24–32 GB (AI World): no overlap",
    });
    expect(reason!.evidenceIds.map((id) => body.evidence.find((e) => e.id === id)?.quote)).toEqual(["16GB", "24 - 32 GB"]);

    const speed = await call<ClaimView>(claimRoute.GET, { params: { id: "speed-qlora-vs-lora" } });
    expect(speed.body.disagreements.map((d) => d.rule)).toEqual(["positions"]);
    expect(speed.body.disagreements[0]!.reason).toContain("different positions");

    const full70 = await call<ClaimView>(claimRoute.GET, { params: { id: "memory-70b-full" } });
    expect(full70.body).toMatchObject({ disagrees: true, disagreements: [{ rule: "lower-bounds", reason: "80+ GB (Sesame Disk) vs 840+ GB (Flash Attention Team): lower bounds 10.5× apart" }] });
  });

  it("answers an unknown claim with 404 not_found", async () => {
    const { status, body } = await call(claimRoute.GET, { params: { id: "memory-9000b-lora" } });
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });
});

describe("catalogs", () => {
  it("GET /api/models lists the base models with exact parameter counts", async () => {
    const { status, body } = await call(modelsRoute.GET, { path: "/api/models" });
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(16);
    expect(body.items.find((m: { hfId: string | null }) => m.hfId === "meta-llama/Llama-2-7b-hf")).toMatchObject({ id: "llama-2-7b", totalParams: 6_738_415_616 });
  });

  it("GET /api/hardware lists GPUs with their aliases as an array", async () => {
    const { status, body } = await call(hardwareRoute.GET, { path: "/api/hardware" });
    expect(status).toBe(200);
    const gpu = body.items.find((h: { id: string }) => h.id === "rtx-4090");
    expect(gpu).toMatchObject({ name: "GeForce RTX 4090", memoryGb: 24 });
    expect(Array.isArray(gpu.aliases)).toBe(true);
    expect(gpu.aliases).toContain("RTX 4090");
  });
});

describe("GET /api/export", () => {
  it("exports CSV: a header row, one line per run, quoted fields that round-trip", async () => {
    const notes = 'Tried r=8, then r=16; the "big" one OOMed';
    const created = await call(runsRoute.POST, { method: "POST", path: "/api/runs", body: { method: "lora", model: "llama-2-7b", rank: 8, notes } });
    expect(created.status).toBe(201);
    const total = (await call(runsRoute.GET, { path: "/api/runs?limit=1" })).body.total as number;

    const { status, text, headers } = await call(exportRoute.GET, { path: "/api/export?format=csv" });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = text.replace(/\r\n$/, "").split("\r\n");
    expect(lines).toHaveLength(total + 1);
    const header = parseCsv(`${lines[0]}\r\n`)[0]!;
    expect(header).toEqual(expect.arrayContaining(["id", "method", "notes", "peakMemoryGb", "sourceId", "sourceCells"]));

    const line = lines.find((l) => l.startsWith(`${created.body.id},`))!;
    expect(line).toContain('"Tried r=8, then r=16; the ""big"" one OOMed"');
    const [fields] = parseCsv(`${line}\r\n`);
    expect(fields).toHaveLength(header.length);
    const row = Object.fromEntries(header.map((name, i) => [name, fields![i]]));
    expect(row).toMatchObject({ id: created.body.id, method: "lora", rank: "8", notes });

    // Every line parses to a full record, so no field broke a line or lost a quote.
    const records = parseCsv(text);
    expect(records).toHaveLength(total + 1);
    expect(records.every((r) => r.length === header.length)).toBe(true);
    const reference = records.find((r) => r[header.indexOf("sourceCells")]?.includes("peakMemoryGb=16GB"));
    expect(reference?.[header.indexOf("sourceId")]).toBe(S000);
  });

  it("exports JSON with every run", async () => {
    const total = (await call(runsRoute.GET, { path: "/api/runs?limit=1" })).body.total as number;
    const { status, body, headers } = await call(exportRoute.GET, { path: "/api/export?format=json" });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/application\/json/);
    expect(body.items).toHaveLength(total);
    expect(body.items.some((r: { cells: unknown[] }) => r.cells.length > 0)).toBe(true);
  });

  it("rejects an unknown format with 400", async () => {
    const { status, body } = await call(exportRoute.GET, { path: "/api/export?format=xml" });
    expect(status).toBe(400);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(["format"]);
  });
});

type Schema = { properties?: Record<string, Schema>; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[]; enum?: unknown[]; $ref?: string };

/** A property's schema anywhere in a (possibly composed) object schema. */
function findProperty(schema: Schema | undefined, name: string): Schema | undefined {
  if (!schema) return undefined;
  if (schema.properties?.[name]) return schema.properties[name];
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = findProperty(part, name);
    if (found) return found;
  }
  return undefined;
}

describe("GET /api/openapi.json", () => {
  it("documents every endpoint, with the run schema's method enum", async () => {
    const { status, body } = await call(openapiRoute.GET, { path: "/api/openapi.json" });
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const paths = Object.keys(body.paths);
    for (const path of [
      "/api/runs",
      "/api/runs/batch",
      "/api/runs/{id}",
      "/api/runs/{id}/metrics",
      "/api/sources",
      "/api/sources/{id}",
      "/api/claims",
      "/api/models",
      "/api/hardware",
      "/api/export",
    ]) {
      expect(paths).toContain(path);
    }
    const requestSchema: Schema = body.paths["/api/runs"].post.requestBody.content["application/json"].schema;
    const method = findProperty(requestSchema, "method");
    expect(method?.enum).toEqual(["full", "lora", "qlora"]);
  });
});
