// The run contract: one zod schema used by the API handlers, the new-run form, the OpenAPI document and the
// tests. Units are in the names: Gb = gigabytes (1e9 bytes), Sec = seconds, Usd = US dollars.
import { z } from "zod";
import { COLUMN_ID_HELP, MAX_COLUMNS, parseColumnId } from "@/lib/runs/columns";
import { REVIEW_STATUSES } from "./collab";

export const METHODS = ["full", "lora", "qlora"] as const;
export const TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head", "all-linear"] as const;
export const QUANTIZATIONS = ["nf4", "fp4", "int8", "none"] as const;
export const PRECISIONS = ["bf16", "fp16", "fp32"] as const;
export const OPTIMIZERS = ["adamw", "adamw8bit", "paged_adamw", "paged_adamw8bit", "sgd", "adafactor", "lion"] as const;
export const RUN_STATUSES = ["planned", "running", "completed", "failed", "reported"] as const;
export const ATTENTION_IMPLEMENTATIONS = ["eager", "sdpa", "flash"] as const;
export const SHARDING = ["none", "zero2", "zero3"] as const;
/** Training stacks whose defaults differ (precision regime, loss, usual optimizations); issue 10 recognises them from what an MLflow client sends. */
export const FRAMEWORKS = ["transformers", "torchtune", "litgpt", "axolotl", "unsloth", "llama-factory", "ms-swift", "other"] as const;
export type Framework = (typeof FRAMEWORKS)[number];
/** What a peak-memory figure measured: torch's allocated or reserved peak, nvidia-smi's, or a "fits in X" upper bound. */
export const PEAK_MEMORY_MEASURES = ["allocated", "reserved", "nvidia-smi", "fits-in"] as const;
/** Whether a peak-memory figure is one GPU's or the sum over the run's GPUs (Qwen's multi-GPU table prints totals). */
export const PEAK_MEMORY_SCOPES = ["per-gpu", "total"] as const;
/**
 * How a run is trained beyond method and precision (issue 11). Each is left out when unknown: the framework's
 * documented default applies then (lib/predict/frameworks.ts); a value given wins over that default.
 */
export const TRAINING_OVERRIDES = ["packing", "chunkedLoss", "activationOffloading", "torchCompile", "optimizerInBackward", "masterWeights"] as const;
export type TrainingOverride = (typeof TRAINING_OVERRIDES)[number];
/** Display names of the training settings (the overrides and gradient checkpointing), one set for every page and the diff. */
export const TRAINING_SETTING_LABELS: Record<TrainingOverride | "gradientCheckpointing", string> = {
  gradientCheckpointing: "Gradient checkpointing",
  packing: "Packing",
  chunkedLoss: "Chunked loss",
  activationOffloading: "Activation offloading",
  torchCompile: "torch.compile",
  optimizerInBackward: "Optimizer in backward",
  masterWeights: "fp32 master weights",
};
/**
 * What kind of evidence a run is (the runs-list filter `evidence`): logged by a user (no source); a claim read from
 * an article's or paper's table; a measurement from a framework's own benchmark table or a contributed measured
 * source; or a published estimate (never fitted). Each run is exactly one of them.
 */
export const EVIDENCE_KINDS = ["logged", "claim", "measured", "estimate"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_LABELS: Record<EvidenceKind, string> = { logged: "Logged by users", claim: "Article claims", measured: "Measured (published)", estimate: "Estimates" };
/** Source kinds whose runs are claims; measurement and user sources hold measured runs. */
export const CLAIM_SOURCE_KINDS = ["article", "paper"] as const;
export const MEASURED_SOURCE_KINDS = ["measurement", "user"] as const;
export const ATTENTION_LABELS: Record<(typeof ATTENTION_IMPLEMENTATIONS)[number], string> = { eager: "eager", sdpa: "SDPA", flash: "FlashAttention" };
export const SHARDING_LABELS: Record<(typeof SHARDING)[number], string> = { none: "none", zero2: "ZeRO-2", zero3: "ZeRO-3 / FSDP" };

export type Method = (typeof METHODS)[number];
export const METHOD_LABELS: Record<Method, string> = { full: "Full fine-tuning", lora: "LoRA", qlora: "QLoRA" };

/** Largest batch one request may create; bigger imports are split by the client. */
export const MAX_BATCH_RUNS = 1000;
/**
 * Byte cap of a POST /api/runs/batch body. A run with every field at its maximum (10,000-character notes, 20
 * tags of 50, five 200-character names, 17-digit numbers) is 12,964 bytes of JSON; 1,000 of them indented by 2
 * are 13.6 MB (tests/api/contract.test.ts builds that batch), so 16,000 a run leaves room for some escapes.
 * Notes in a non-Latin script sent \u-escaped take 6 bytes a character: such a batch is a 413 and must be split.
 */
export const MAX_BATCH_BODY_BYTES = MAX_BATCH_RUNS * 16_000;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const positive = (max: number) => z.number().positive("must be greater than 0").max(max, `must be at most ${max}`);
const nonNegative = (max: number) => z.number().nonnegative("must be 0 or more").max(max, `must be at most ${max}`);
const count = (min: number, max: number) =>
  z.number().int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
/** A field that may be left out or cleared with null. */
const opt = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/**
 * Every settable field of a run, with its own bounds; cross-field rules live in `checkRunConsistency`. Strict: an
 * unknown field (a Hugging Face name such as lora_alpha) is a 422, never silently dropped.
 */
export const runFields = z.strictObject({
  name: opt(text(200)).describe("Display name; derived from method, rank and model when left out"),
  externalId: opt(text(200)).describe("Client-chosen key: repeating a create with it returns the existing run"),
  status: z.enum(RUN_STATUSES).optional().describe("planned | running | completed | failed | reported (claimed by a source)"),
  notes: opt(z.string().max(10_000, "must be at most 10000 characters")),
  experimentId: opt(text(100)).describe('Experiment id (GET /api/experiments); Default ("0") when left out'),
  framework: opt(z.enum(FRAMEWORKS)).describe(`Training stack: ${FRAMEWORKS.join(", ")}`),
  tags: z
    .array(z.string().trim().min(1, "must not be empty").max(50, "must be at most 50 characters").regex(/^[\w.:+-]+$/, "may contain letters, digits and . : + - _ only"))
    .max(20, "at most 20 tags")
    .optional(),

  method: z.enum(METHODS, { error: "must be one of full, lora, qlora" }),
  model: text(200).describe("Catalog model (Hugging Face id such as meta-llama/Llama-2-7b-hf, or catalog id) or free text"),
  modelParams: opt(positive(1e13)).describe("Parameter count; required for a model that is not in the catalog"),
  rank: opt(count(1, 4096)).describe("LoRA rank r (LoRA and QLoRA only)"),
  loraAlpha: opt(positive(100_000)),
  loraDropout: opt(z.number().min(0, "must be between 0 and 1").lt(1, "must be below 1")),
  targetModules: opt(z.array(z.enum(TARGET_MODULES)).min(1, "pick at least one module").max(TARGET_MODULES.length)),
  quantization: opt(z.enum(QUANTIZATIONS)).describe("Base-weight quantization: nf4, fp4, int8 (QLoRA) or none"),
  doubleQuant: opt(z.boolean()),
  precision: opt(z.enum(PRECISIONS)).describe("Compute dtype"),
  hardware: opt(text(100)).describe("Hardware catalog id, e.g. a100-80gb (GET /api/hardware), an alias, or what torch.cuda.get_device_name() returns (\"NVIDIA A100-SXM4-80GB\"); the catalog id is stored"),
  gpuCount: opt(count(1, 4096)),
  batchSize: opt(count(1, 4096)).describe("Per-device micro-batch size"),
  gradientAccumulation: opt(count(1, 4096)),
  seqLen: opt(count(1, 1_048_576)).describe("Sequence length in tokens"),
  gradientCheckpointing: opt(z.boolean()),
  attention: opt(z.enum(ATTENTION_IMPLEMENTATIONS)).describe("Attention implementation: eager, sdpa (PyTorch scaled-dot-product) or flash (FlashAttention)"),
  sharding: opt(z.enum(SHARDING)).describe("Optimizer-state sharding across GPUs: none, zero2 (ZeRO-2) or zero3 (ZeRO-3 / FSDP full sharding)"),
  optimizer: opt(z.enum(OPTIMIZERS)),
  packing: opt(z.boolean()).describe("Sequences packed into full-length rows (no padding); the framework's default when left out"),
  chunkedLoss: opt(z.boolean()).describe("Cross-entropy computed in chunks, so the full-vocabulary fp32 logits are never held at once"),
  activationOffloading: opt(z.boolean()).describe("Saved activations moved to CPU memory during the forward pass"),
  torchCompile: opt(z.boolean()).describe("Model (and loss) compiled with torch.compile"),
  optimizerInBackward: opt(z.boolean()).describe("Optimizer step fused into the backward pass, so each gradient is freed as soon as it is applied"),
  masterWeights: opt(z.boolean()).describe("An fp32 master copy of 16-bit trainable weights (AMP); false for pure bf16 training"),
  learningRate: opt(z.number().positive("must be greater than 0").max(1, "must be at most 1")),
  epochs: opt(positive(1000)),
  datasetName: opt(text(200)),
  datasetSize: opt(count(1, 1_000_000_000)).describe("Training examples"),

  oom: z.boolean().optional().describe("The configuration ran out of memory; it then has no throughput or peak memory"),
  throughputSamplesPerSec: opt(nonNegative(1e7)),
  throughputTokensPerSec: opt(nonNegative(1e10)),
  peakMemoryGb: opt(positive(100_000)).describe("Peak memory per GPU in GB (1e9 bytes), a measured point"),
  peakMemoryGbMin: opt(positive(100_000)).describe("Lower bound when only a range or '84GB+' is known"),
  peakMemoryGbMax: opt(positive(100_000)).describe("Upper bound of a range; leave out for an open-ended bound"),
  peakMemoryMeasure: opt(z.enum(PEAK_MEMORY_MEASURES)).describe("What peak memory measured: allocated, reserved (torch), nvidia-smi, or fits-in (an upper bound)"),
  peakMemoryScope: opt(z.enum(PEAK_MEMORY_SCOPES)).describe("per-gpu (the default) or total: the figure is the sum over gpuCount GPUs"),
  peakMemoryOriginal: opt(text(100)).describe("The memory figure as the source printed it, unit included (\"6.99 GiB\"), when it was converted to GB"),
  isEstimate: z.boolean().optional().describe("A published estimate, not a measurement: shown, never fitted"),
  trainableParams: opt(count(0, 1e13)),
  mtBench: opt(z.number().min(0, "must be between 0 and 10").max(10, "must be between 0 and 10")),
  mmlu: opt(z.number().min(0, "must be between 0 and 100").max(100, "must be between 0 and 100")),
  trainLoss: opt(nonNegative(10_000)),
  evalLoss: opt(nonNegative(10_000)),
  wallTimeSec: opt(nonNegative(1e9)),
  costUsd: opt(nonNegative(1e9)),
});

export type RunFields = z.infer<typeof runFields>;

/** The adapter fields: only LoRA and QLoRA runs have them. */
export const LORA_ONLY = ["rank", "loraAlpha", "loraDropout", "targetModules"] as const;
const OUTCOMES_ABSENT_WHEN_OOM = ["throughputSamplesPerSec", "throughputTokensPerSec", "peakMemoryGb", "peakMemoryGbMin", "peakMemoryGbMax"] as const;

type Issue = { path: (string | number)[]; message: string };

/**
 * MMLU at or below this is refused as a fraction (lm-eval reports 0.65 for 65 %). 0 and 1 are refused too: MMLU is
 * four-way multiple choice, so chance alone scores 25 %, and no trained model scores 1 % or less; a 1 is 100 % as a
 * fraction, a 0 a failed evaluation. The quality fits apply the same rule to rows stored before it existed.
 */
export const MMLU_FRACTION_MAX = 1;

/** Rules that tie fields together. Applied to a create and to the merged result of an edit. */
export function checkRunConsistency(run: Partial<RunFields>): Issue[] {
  const issues: Issue[] = [];
  const isSet = (value: unknown) => value !== undefined && value !== null;
  if (run.method === "full") {
    for (const field of LORA_ONLY) {
      if (isSet(run[field])) issues.push({ path: [field], message: `${field} applies only to LoRA and QLoRA runs, not to full fine-tuning` });
    }
  }
  if (run.method && run.method !== "qlora") {
    if (isSet(run.quantization) && run.quantization !== "none") {
      issues.push({ path: ["quantization"], message: "quantization applies only to QLoRA runs; use method qlora or quantization none" });
    }
    if (run.doubleQuant) issues.push({ path: ["doubleQuant"], message: "double quantization applies only to QLoRA runs" });
  }
  if (run.method === "qlora" && run.quantization === "none") {
    issues.push({ path: ["quantization"], message: "a QLoRA run quantizes its base weights: choose nf4, fp4 or int8" });
  }
  // Array check: with `when` below this also sees malformed input, which must not throw.
  const modules: string[] = Array.isArray(run.targetModules) ? run.targetModules : [];
  if (modules.includes("all-linear") && modules.length > 1) {
    issues.push({ path: ["targetModules"], message: "all-linear already covers every linear layer; do not combine it with other modules" });
  }
  if (new Set(modules).size !== modules.length) issues.push({ path: ["targetModules"], message: "lists a module twice" });
  if (isSet(run.peakMemoryGb) && (isSet(run.peakMemoryGbMin) || isSet(run.peakMemoryGbMax))) {
    issues.push({ path: ["peakMemoryGb"], message: "give either a measured peakMemoryGb or a range (peakMemoryGbMin/Max), not both" });
  }
  // A "fits in X GB" figure is an upper bound alone: the peak was at most X, nobody knows how far below.
  if (isSet(run.peakMemoryGbMax) && !isSet(run.peakMemoryGbMin) && run.peakMemoryMeasure !== "fits-in") {
    issues.push({ path: ["peakMemoryGbMin"], message: "a range needs its lower bound peakMemoryGbMin (or peakMemoryMeasure fits-in for an upper bound alone)" });
  }
  if (isSet(run.peakMemoryGbMin) && isSet(run.peakMemoryGbMax) && run.peakMemoryGbMin! > run.peakMemoryGbMax!) {
    issues.push({ path: ["peakMemoryGbMax"], message: "must not be below peakMemoryGbMin" });
  }
  if (isSet(run.sharding) && run.sharding !== "none" && !(typeof run.gpuCount === "number" && run.gpuCount >= 2)) {
    issues.push({ path: ["sharding"], message: "sharding spreads state across GPUs: it needs gpuCount of 2 or more" });
  }
  if (run.oom) {
    for (const field of OUTCOMES_ABSENT_WHEN_OOM) {
      if (isSet(run[field])) issues.push({ path: [field], message: `an out-of-memory run has no ${field}` });
    }
  }
  if (typeof run.mmlu === "number" && run.mmlu <= MMLU_FRACTION_MAX) {
    const percent = run.mmlu > 0 ? Number((run.mmlu * 100).toFixed(2)) : 65;
    issues.push({ path: ["mmlu"], message: `${run.mmlu} looks like a fraction: send ${percent} for ${percent} % (MMLU is stored in percent, 0-100)` });
  }
  return issues;
}

function refineRun(run: Partial<RunFields>, context: z.RefinementCtx) {
  for (const issue of checkRunConsistency(run)) context.addIssue({ code: "custom", ...issue });
}

/**
 * POST /api/runs body. The cross-field rules run even when a field is malformed (`when`), so one answer names
 * every problem; checkRunConsistency only compares values it can read.
 */
export const runCreateSchema = runFields.superRefine(refineRun, {
  when: (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
});
export type RunCreateInput = z.input<typeof runCreateSchema>;
export type RunCreate = z.output<typeof runCreateSchema>;

/** POST /api/runs/batch body: all runs are created or none. */
export const runBatchSchema = z.strictObject({
  items: z.array(runCreateSchema).min(1, "send at least one run").max(MAX_BATCH_RUNS, `at most ${MAX_BATCH_RUNS} runs per batch`),
});

/** PATCH /api/runs/{id} body: any subset of fields; null clears a field. Cross-field rules run on the merged run. */
export const runPatchSchema = runFields.partial().refine((patch) => Object.keys(patch).length > 0, "send at least one field to change");
export type RunPatch = z.output<typeof runPatchSchema>;

export const RUN_SORT_FIELDS = [
  "createdAt", "updatedAt", "name", "method", "modelName", "rank", "peakMemoryGb", "throughputSamplesPerSec", "mtBench", "mmlu",
] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === "string" ? value.split(",").map((part) => part.trim()).filter(Boolean) : value), z.array(item));
const queryInt = (min: number, max: number) => z.coerce.number().int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** Most runs one list request may name with `ids`. */
export const MAX_LISTED_IDS = 200;

/** GET /api/runs query string. Every filter is optional; list filters take comma-separated values. */
export const runListQuerySchema = z.object({
  method: csv(z.enum(METHODS)).optional().describe("Comma-separated methods, e.g. lora,qlora"),
  model: text(200).optional().describe("Catalog id or Hugging Face id; otherwise matched against the model name"),
  hardware: text(100).optional().describe("Hardware catalog id"),
  source: text(100).optional().describe("Source id, or 'logged' for runs logged by users"),
  evidence: csv(z.enum(EVIDENCE_KINDS))
    .optional()
    .describe("Comma-separated kinds of evidence: logged (by users), claim (article/paper tables), measured (published or contributed measurements), estimate (published estimates)"),
  experiment: text(100).optional().describe('Experiment id (GET /api/experiments); "0" is Default'),
  tag: text(50).optional(),
  status: csv(z.enum(RUN_STATUSES)).optional(),
  reviewStatus: csv(z.enum(REVIEW_STATUSES)).optional().describe("Comma-separated review statuses, e.g. in_review,accepted"),
  baseline: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .transform((value) => value === "true")
    .optional()
    .describe("true: only runs marked as baseline; false: only the others"),
  rankMin: queryInt(1, 4096).optional(),
  rankMax: queryInt(1, 4096).optional(),
  q: z.string().trim().max(200).optional().describe("Free text, a case-insensitive substring of a run's name, notes, model, dataset, hardware, method and typed settings, tags, or raw param and key-value tag values (not keys); three or more characters are looked up in the full-text index"),
  sort: z.enum(RUN_SORT_FIELDS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: queryInt(1, 200).default(50),
  cursor: z.string().max(100).optional().describe("nextCursor of the previous page"),
  ids: csv(text(100))
    .pipe(z.array(z.string()).max(MAX_LISTED_IDS, `at most ${MAX_LISTED_IDS} ids`))
    .optional()
    .describe(`Only these runs (comma-separated ids, at most ${MAX_LISTED_IDS}), e.g. the runs of one group from GET /api/runs/groups`),
  columns: csv(z.string().refine((id) => parseColumnId(id) !== null, { error: (issue) => `unknown column ${JSON.stringify(issue.input)}: use ${COLUMN_ID_HELP}` }))
    .pipe(z.array(z.string()).max(MAX_COLUMNS, `at most ${MAX_COLUMNS} columns`))
    .optional()
    .describe(`Comma-separated column ids (${COLUMN_ID_HELP}); each raw or metric column comes back in every item's \`values\``),
});
export type RunListQuery = z.output<typeof runListQuerySchema>;


/** Non-finite metric values as strings; a diverged run logs them (Python's json.dumps writes them bare). */
export const NON_FINITE_VALUES = ["NaN", "Infinity", "-Infinity"] as const;

/** Most points one metrics POST may carry. */
export const MAX_METRIC_POINTS = 10_000;
/**
 * Byte cap of a metrics POST body. A point at every maximum (100-character key, 10-digit step, 24-character
 * value, microsecond time with offset) is 202 bytes of JSON; 10,000 of them indented by 2 are 2.45 MB, and
 * 3.44 MB with every slash of the keys escaped as \/ (tests/api/contract.test.ts builds and posts that body).
 */
export const MAX_METRIC_BODY_BYTES = MAX_METRIC_POINTS * 400;

/**
 * POST /api/runs/{id}/metrics body. value: a number, or "NaN" / "Infinity" / "-Infinity" (the route also reads
 * those tokens bare), parsed to the JS number NaN / ±Infinity.
 */
export const metricPointsSchema = z.strictObject({
  points: z
    .array(
      z.strictObject({
        key: z.string().trim().min(1, "must not be empty").max(100).regex(/^[\w./-]+$/, "may contain letters, digits and . / - _ only"),
        step: count(0, 1e9),
        value: z
          .union([z.number(), z.enum(NON_FINITE_VALUES)], { error: 'must be a number, or "NaN", "Infinity" or "-Infinity"' })
          .transform((value) => (typeof value === "number" ? value : Number(value))),
        time: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
      }),
    )
    .min(1, "send at least one point")
    .max(MAX_METRIC_POINTS, `at most ${MAX_METRIC_POINTS} points per request`),
});
export type MetricPointsInput = z.output<typeof metricPointsSchema>;

const METRIC_KEY_PATTERN = /^[\w./-]+$/;
const METRIC_POINT_FIELDS = new Set(["key", "step", "value", "time"]);
const metricTimeSchema = metricPointsSchema.shape.points.element.shape.time;
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * metricPointsSchema's accepting path without zod's per-object work, which cost about 45 ms of a 5,000-point
 * request (the write itself takes about 15): the same output for a body the schema accepts, and undefined for any
 * body it might refuse, which then goes through the schema for its messages. Ingest speed is a target of its own
 * (issue 9); tests/unit/metric-points-fast-path.test.ts checks that the two agree on valid and broken points alike.
 */
export function parseMetricPointsFast(body: unknown): MetricPointsInput | undefined {
  if (!isPlainObject(body)) return undefined;
  const fields = Object.keys(body);
  if (fields.length !== 1 || fields[0] !== "points") return undefined;
  const input = body.points;
  if (!Array.isArray(input) || input.length < 1 || input.length > MAX_METRIC_POINTS) return undefined;
  // The parsed body is the request's own: its point objects are checked, then normalised in place (key trimmed,
  // value a number) instead of copied, which saves 5,000 allocations a request.
  for (let i = 0; i < input.length; i += 1) {
    const point: unknown = input[i];
    if (!isPlainObject(point)) return undefined;
    for (const field in point) if (!METRIC_POINT_FIELDS.has(field)) return undefined;
    const { step, value, time } = point;
    if (typeof point.key !== "string") return undefined;
    const key = point.key.trim();
    if (key.length < 1 || key.length > 100 || !METRIC_KEY_PATTERN.test(key)) return undefined;
    if (typeof step !== "number" || !Number.isInteger(step) || step < 0 || step > 1e9) return undefined;
    if (!(typeof value === "number" && Number.isFinite(value)) && value !== "NaN" && value !== "Infinity" && value !== "-Infinity") return undefined;
    if (time !== undefined && !(typeof time === "string" && metricTimeSchema.safeParse(time).success)) return undefined;
  }
  for (const point of input as Record<string, unknown>[]) {
    point.key = (point.key as string).trim();
    if (typeof point.value === "string") point.value = Number(point.value);
  }
  return { points: input as MetricPointsInput["points"] };
}

/** Most points per series any downsampled read may ask for (run metrics, loss curves); stored summaries hold this many. */
export const MAX_DOWNSAMPLED_POINTS = 5000;
/** maxPoints of a downsampled read: 10 to MAX_DOWNSAMPLED_POINTS points per series. */
export const maxPointsSchema = z.coerce.number().int().min(10).max(MAX_DOWNSAMPLED_POINTS);

/** Most points one page of GET /api/runs/{id}/metrics (without maxPoints) holds; nextCursor fetches the rest. */
export const MAX_METRIC_PAGE_POINTS = 10_000;

export const metricQuerySchema = z.object({
  key: z.string().trim().min(1).max(100).optional().describe("Metric key such as train/loss; all keys when left out"),
  maxPoints: maxPointsSchema
    .optional()
    .describe("Downsample each series on the server (LTTB, first and last points kept) to at most this many points; every point, a page at a time, when left out"),
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_METRIC_PAGE_POINTS, `must be at most ${MAX_METRIC_PAGE_POINTS}`)
    .default(MAX_METRIC_PAGE_POINTS)
    .describe(`Without maxPoints: points per page, across keys in (key, step) order (at most ${MAX_METRIC_PAGE_POINTS})`),
  cursor: z.string().max(400).optional().describe("Without maxPoints: nextCursor of the previous page"),
});

/** Points per series the run page's loss curve asks for: about one per pixel of its width. */
export const RUN_CHART_MAX_POINTS = 800;

/** A metric value read back: a number, or "NaN" / "Infinity" / "-Infinity" (JSON has no such numbers). */
export const metricValueSchema = z
  .union([z.number(), z.enum(NON_FINITE_VALUES)])
  .describe('A number, or the string "NaN", "Infinity" or "-Infinity" for a non-finite value (charts draw it as a gap)');

export const metricSeriesSchema = z.object({
  key: z.string(),
  totalPoints: z.number().int().describe("Points stored for this key; more than points.length when downsampled or paged"),
  points: z.array(z.object({ step: z.number(), value: metricValueSchema, time: z.string().optional().describe("Left out when downsampled") })),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;
export const metricSeriesResponseSchema = z.object({
  series: z.array(metricSeriesSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe("Without maxPoints: pass as cursor for the next page; null on the last page (and always with maxPoints). A key may continue on the next page"),
});

const nullableNumber = z.number().nullable();

/** A run as the API returns it. `model` and `hardware` hold what you would send back to create it again. */
export const runSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  name: z.string(),
  status: z.enum(RUN_STATUSES),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  source: z
    .object({
      id: z.string(),
      title: z.string(),
      kind: z.string().describe("article | paper | user | measurement (a framework's published benchmark table)"),
      url: z.string().nullable().describe("Address of the original"),
      repository: z.string().nullable().describe("owner/name of the repository holding the original file"),
      path: z.string().nullable().describe("The file's path in that repository"),
      commit: z.string().nullable().describe("The commit the file was read at"),
    })
    .nullable()
    .describe("null for runs logged by users"),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable().describe("Who logged the run through the API; null for seeded runs"),
  reviewStatus: z.enum(REVIEW_STATUSES).describe("Team review: draft | in_review | accepted | rejected | needs_rerun"),
  isBaseline: z.boolean().describe("Marked as the baseline others are compared with"),
  deletedAt: z.string().nullable().describe("Set on soft-deleted runs, which only admins can list (?deleted=true)"),
  createdAt: z.string(),
  updatedAt: z.string(),
  experimentId: z.string().describe('The experiment the run belongs to ("0" is Default)'),
  experimentName: z.string(),
  framework: z.enum(FRAMEWORKS).nullable(),
  lastSeenAt: z.string().nullable().describe("When a client last wrote to the run (live runs)"),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  method: z.enum(METHODS),
  model: z.string(),
  modelId: z.string().nullable(),
  modelName: z.string(),
  modelParams: nullableNumber,
  rank: nullableNumber,
  loraAlpha: nullableNumber,
  loraDropout: nullableNumber,
  targetModules: z.array(z.enum(TARGET_MODULES)).nullable(),
  quantization: z.enum(QUANTIZATIONS),
  doubleQuant: z.boolean(),
  precision: z.enum(PRECISIONS).nullable(),
  hardware: z.string().nullable(),
  hardwareName: z.string().nullable(),
  hardwareLabel: z.string().nullable().describe("Hardware as a source wrote it, when it names no single catalogued GPU"),
  gpuCount: nullableNumber,
  batchSize: nullableNumber,
  gradientAccumulation: nullableNumber,
  seqLen: nullableNumber,
  gradientCheckpointing: z.boolean().nullable(),
  attention: z.enum(ATTENTION_IMPLEMENTATIONS).nullable(),
  sharding: z.enum(SHARDING).nullable(),
  optimizer: z.enum(OPTIMIZERS).nullable(),
  packing: z.boolean().nullable(),
  chunkedLoss: z.boolean().nullable(),
  activationOffloading: z.boolean().nullable(),
  torchCompile: z.boolean().nullable(),
  optimizerInBackward: z.boolean().nullable(),
  masterWeights: z.boolean().nullable(),
  learningRate: nullableNumber,
  epochs: nullableNumber,
  datasetName: z.string().nullable(),
  datasetSize: nullableNumber,
  oom: z.boolean(),
  throughputSamplesPerSec: nullableNumber,
  throughputTokensPerSec: nullableNumber,
  peakMemoryGb: nullableNumber,
  peakMemoryGbMin: nullableNumber,
  peakMemoryGbMax: nullableNumber,
  peakMemoryMeasure: z.enum(PEAK_MEMORY_MEASURES).nullable(),
  peakMemoryScope: z.enum(PEAK_MEMORY_SCOPES).nullable(),
  peakMemoryOriginal: z.string().nullable(),
  isEstimate: z.boolean(),
  trainableParams: nullableNumber,
  mtBench: nullableNumber,
  mmlu: nullableNumber,
  trainLoss: nullableNumber,
  evalLoss: nullableNumber,
  wallTimeSec: nullableNumber,
  costUsd: nullableNumber,
});
export type Run = z.infer<typeof runSchema>;

export const cellRefSchema = z.object({
  field: z.string().describe("The run field the cell supports, or config"),
  cellId: z.string(),
  text: z.string().describe("The cell exactly as the source prints it"),
  rowLabel: z.string(),
  columnLabel: z.string(),
  tableId: z.string(),
  tableTitle: z.string(),
});

export const runDetailSchema = runSchema.extend({
  cells: z.array(cellRefSchema).describe("Source cells this run was read from, verbatim"),
  metricKeys: z.array(z.string()),
  params: z.record(z.string(), z.string()).describe("Parameters as the client logged them (MLflow params), verbatim, by key"),
  keyTags: z.record(z.string(), z.string()).describe("Key-value tags as the client set them (MLflow tags, mlflow.* included), verbatim, by key; `tags` holds the plain labels"),
  quotedRows: z
    .array(
      z.object({
        tableId: z.string(),
        tableTitle: z.string(),
        row: z.number().describe("Body row, 1-based"),
        header: z.array(z.string()).describe("The table's header cells, verbatim"),
        cells: z.array(z.string()).describe("Every cell of the row, verbatim, linked or not"),
        linkedCols: z.array(z.number()).describe("Columns of the cells this run was read from"),
      }),
    )
    .optional()
    .describe("GET /api/runs/{id} only: each table row the run was read from, whole, under its header (the quoted row)"),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

/** One raw or metric column's value for one run; `step` is the step a metric value was logged at. */
export const columnValueSchema = z.object({
  value: z.union([z.string(), z.number(), z.enum(NON_FINITE_VALUES)]).nullable().describe("The param or tag verbatim, or the metric value; null when the run has none"),
  step: z.number().nullable().describe("Metric columns: the step the value comes from (the best step for best, min and max)"),
});
export type ColumnValue = z.infer<typeof columnValueSchema>;

export const runListItemSchema = runSchema.extend({
  values: z.record(z.string(), columnValueSchema).optional().describe("With ?columns=: each raw or metric column's value, by column id"),
});
export type RunListItem = z.infer<typeof runListItemSchema>;

export const runPageSchema = z.object({ items: z.array(runListItemSchema), nextCursor: z.string().nullable(), total: z.number() });
export type RunPage = z.infer<typeof runPageSchema>;
