import "server-only";
// Typed fields from what an MLflow client logged: the params, key tags and latest metrics go through the mapping
// rules (lib/ingest/derive.ts), the model is resolved in the catalog, the device name in the hardware catalog, and
// every value must pass the run schema (runFields, checkRunConsistency). A value that does not is dropped and named
// in the mapping, never refused: a training client must not fail because the mapping disagrees with its config.
// The mapping (which key each field came from, what was assumed, what was dropped) is kept as the key tag
// `tuneboard.mapping` (JSON), so the run page can say "rank ← lora_r".
import { deriveRunFields, type DerivedFields } from "@/lib/ingest/derive";
import { LORA_ONLY, type RunFields, checkRunConsistency, runFields } from "@/lib/schemas/run";
import { type EventInput, recordRunEvents } from "@/lib/server/collab/events";
import { findHardwareByName } from "@/lib/server/catalog";
import { prisma } from "@/lib/server/db/client";
import { findCatalogModel } from "@/lib/server/runs/write-runs";
import { latestMetrics } from "./records";

export const MAPPING_TAG = "tuneboard.mapping";

export type Mapping = {
  framework: string | null;
  /** Field → the key(s) it was read from ("lora_r", "model.lora_rank"). */
  from: Record<string, string>;
  /** Field → the value used because nothing logged says otherwise. */
  assumed: Record<string, unknown>;
  /** Field → why its derived value was not stored. */
  dropped: Record<string, string>;
};

/** What a run created through the MLflow API says before anything is logged: full fine-tuning, assumed. */
export const ASSUMED_MAPPING: Mapping = { framework: null, from: {}, assumed: { method: "full" }, dropped: {} };

/** Measured outcomes move while a run logs; their changes are not written to the run's history one by one. */
const OUTCOMES = new Set(["throughputSamplesPerSec", "throughputTokensPerSec", "peakMemoryGb", "peakMemoryMeasure", "trainLoss", "evalLoss", "wallTimeSec", "mtBench", "mmlu"]);

type Settable = Partial<Record<keyof RunFields, unknown>>;

/** Keeps the fields the run schema accepts one by one, then drops those the cross-field rules refuse. */
function validFields(derived: DerivedFields, mapping: Mapping): Settable {
  const accepted: Settable = {};
  for (const [field, value] of Object.entries(derived)) {
    if (value === undefined || value === null || field === "model" || field === "hardware") continue;
    const schema = runFields.shape[field as keyof RunFields] as { safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } } | undefined;
    if (!schema) {
      mapping.dropped[field] = "not a run field";
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) accepted[field as keyof RunFields] = parsed.data;
    else mapping.dropped[field] = parsed.error?.issues[0]?.message ?? "refused by the run schema";
  }
  if (accepted.method === undefined) {
    // Nothing said which method: adapter settings mean LoRA (QLoRA on a quantized base), otherwise full.
    const hasAdapter = LORA_ONLY.some((field) => accepted[field] !== undefined);
    const quantized = accepted.quantization !== undefined && accepted.quantization !== "none";
    accepted.method = hasAdapter ? (quantized ? "qlora" : "lora") : "full";
    mapping.assumed.method = accepted.method;
  }
  if (accepted.method === "qlora" && accepted.quantization === undefined) {
    accepted.quantization = "nf4";
    mapping.assumed.quantization = "nf4";
  }
  for (let pass = 0; pass < 3; pass += 1) {
    const issues = checkRunConsistency(accepted as Partial<RunFields>);
    if (!issues.length) break;
    for (const issue of issues) {
      const field = String(issue.path[0]);
      if (field === "method" || !(field in accepted)) continue;
      delete accepted[field as keyof RunFields];
      mapping.dropped[field] = issue.message;
      delete mapping.from[field];
    }
  }
  return accepted;
}

/**
 * Re-derives a run's typed fields from everything logged so far and stores those that pass, with the mapping.
 * Fields nothing logged leave what the run has. Changes to configuration fields go into the run's history
 * (actor: none, the system); a deleted or missing run is left alone.
 */
export async function applyDerivedFields(runId: string): Promise<void> {
  const run = await prisma.run.findUnique({ where: { id: runId }, include: { params: true, keyTags: true } });
  if (!run || run.deletedAt) return;
  const metrics = (await latestMetrics([runId])).get(runId) ?? [];
  const raw = {
    params: Object.fromEntries(run.params.map((p) => [p.key, p.value])),
    tags: Object.fromEntries(run.keyTags.filter((t) => t.key !== MAPPING_TAG).map((t) => [t.key, t.value])),
    latestMetrics: Object.fromEntries(metrics.filter((m) => Number.isFinite(m.value)).map((m) => [m.key, m.value])),
  };
  const derived = deriveRunFields(raw);
  const mapping: Mapping = { framework: derived.framework, from: { ...derived.from }, assumed: {}, dropped: {} };
  const fields = validFields(derived.fields, mapping);

  const data: Record<string, unknown> = { ...fields };
  if (fields.targetModules !== undefined) data.targetModules = JSON.stringify(fields.targetModules);
  if (fields.method !== "qlora") {
    // Only QLoRA quantizes its base: a run re-derived as LoRA or full must not keep a stored nf4.
    data.quantization = "none";
    data.doubleQuant = false;
  }
  if (derived.framework) data.framework = derived.framework;
  if (derived.fields.model) {
    const models = await prisma.model.findMany({ select: { id: true, hfId: true, name: true, totalParams: true } });
    const model = findCatalogModel(models, derived.fields.model);
    data.modelId = model?.id ?? null;
    data.modelName = (model?.name ?? derived.fields.model).slice(0, 200);
    data.modelParams = fields.modelParams ?? model?.totalParams ?? run.modelParams ?? null;
  }
  if (derived.fields.hardware) {
    const hardwareId = await findHardwareByName(derived.fields.hardware);
    if (hardwareId) {
      data.hardwareId = hardwareId;
      data.hardwareLabel = null;
    } else {
      data.hardwareLabel = derived.fields.hardware.slice(0, 100);
      mapping.dropped.hardware = `'${derived.fields.hardware}' is not in the hardware catalog; kept as its label`;
    }
  }

  const before = run as unknown as Record<string, unknown>;
  const events: EventInput[] = [];
  for (const [column, value] of Object.entries(data)) {
    if (OUTCOMES.has(column) || column === "targetModules") continue;
    const old = before[column] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(value ?? null)) events.push({ runId, actorId: null, kind: "updated", field: column, oldValue: old, newValue: value });
  }
  const mappingJson = JSON.stringify(mapping);
  await prisma.$transaction(async (tx) => {
    await tx.run.update({ where: { id: runId }, data });
    await tx.runKeyTag.upsert({ where: { runId_key: { runId, key: MAPPING_TAG } }, create: { runId, key: MAPPING_TAG, value: mappingJson }, update: { value: mappingJson } });
    await recordRunEvents(tx, events);
  });
}

/** A run that only logs metrics is re-derived at most this often (its summary metrics still land within it). */
export const METRIC_ONLY_APPLY_INTERVAL_MS = 10_000;
/**
 * In memory on purpose, also with several app instances (issue 12): applyDerivedFields recomputes the same fields
 * from the database whichever instance runs it, so this only bounds how often one instance repeats that work. With N
 * instances a run may be re-derived up to N times per interval; what each derivation reads and writes is shared.
 */
const lastApplied = new Map<string, number>();

/** applyDerivedFields for a metrics-only write, at most once per METRIC_ONLY_APPLY_INTERVAL_MS per run. */
export async function maybeApplyDerivedFields(runId: string, now = Date.now()): Promise<void> {
  const last = lastApplied.get(runId);
  if (last !== undefined && now - last < METRIC_ONLY_APPLY_INTERVAL_MS) return;
  lastApplied.set(runId, now);
  if (lastApplied.size > 10_000) lastApplied.delete(lastApplied.keys().next().value!);
  await applyDerivedFields(runId);
}
