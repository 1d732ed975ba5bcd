// The new-run and edit forms are drawn from this list: field, widget, group and when it applies. Validation is
// not here: the form runs the API's own zod schema (lib/schemas/run.ts) on what it would send.
import {
  ATTENTION_IMPLEMENTATIONS, FRAMEWORKS, type Method, OPTIMIZERS, PEAK_MEMORY_MEASURES, PEAK_MEMORY_SCOPES, PRECISIONS, QUANTIZATIONS, RUN_STATUSES, SHARDING, TRAINING_SETTING_LABELS,
} from "@/lib/schemas/run";

/** tri-state: framework default (unset, sent as nothing or null) / on / off, for the training overrides. */
export type FieldKind = "text" | "number" | "select" | "checkbox" | "textarea" | "modules" | "tags" | "boolean-select" | "tri-state" | "model";

export type FormField = {
  name: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  hint?: string;
  step?: string;
  /** The field applies only to these methods; hidden and not sent otherwise. */
  methods?: readonly Method[];
};

export type FormGroup = { title: string; fields: FormField[] };

const ADAPTER_METHODS = ["lora", "qlora"] as const;

export const FORM_GROUPS: FormGroup[] = [
  {
    title: "Run",
    fields: [
      { name: "name", label: "Name", kind: "text", hint: "Left empty: derived from method, rank and model" },
      { name: "method", label: "Method", kind: "select", options: ["full", "lora", "qlora"] },
      { name: "model", label: "Base model", kind: "model", hint: "Catalog model or any name" },
      { name: "modelParams", label: "Parameters", kind: "number", hint: "Needed for a model outside the catalog, e.g. 7000000000" },
      { name: "status", label: "Status", kind: "select", options: RUN_STATUSES },
      { name: "experimentId", label: "Experiment", kind: "select", hint: "Left empty: Default" },
      { name: "tags", label: "Tags", kind: "tags", hint: "Comma-separated" },
    ],
  },
  {
    title: "Adapter (LoRA / QLoRA)",
    fields: [
      { name: "rank", label: "Rank r", kind: "number", methods: ADAPTER_METHODS },
      { name: "loraAlpha", label: "Alpha", kind: "number", step: "any", methods: ADAPTER_METHODS },
      { name: "loraDropout", label: "Dropout", kind: "number", step: "any", methods: ADAPTER_METHODS, hint: "0 to below 1" },
      { name: "targetModules", label: "Target modules", kind: "modules", methods: ADAPTER_METHODS },
    ],
  },
  {
    title: "Quantization (QLoRA)",
    fields: [
      { name: "quantization", label: "Base weights", kind: "select", options: QUANTIZATIONS.filter((q) => q !== "none"), methods: ["qlora"] },
      { name: "doubleQuant", label: "Double quantization", kind: "checkbox", methods: ["qlora"] },
    ],
  },
  {
    title: "Hardware and training",
    fields: [
      { name: "hardware", label: "GPU", kind: "select" },
      { name: "gpuCount", label: "GPU count", kind: "number" },
      { name: "precision", label: "Compute dtype", kind: "select", options: PRECISIONS },
      { name: "batchSize", label: "Batch size (per device)", kind: "number" },
      { name: "gradientAccumulation", label: "Gradient accumulation", kind: "number" },
      { name: "seqLen", label: "Sequence length (tokens)", kind: "number" },
      { name: "gradientCheckpointing", label: TRAINING_SETTING_LABELS.gradientCheckpointing, kind: "boolean-select" },
      { name: "attention", label: "Attention", kind: "select", options: ATTENTION_IMPLEMENTATIONS },
      { name: "sharding", label: "Sharding", kind: "select", options: SHARDING, hint: "ZeRO-2 or ZeRO-3 / FSDP; needs 2+ GPUs" },
      { name: "optimizer", label: "Optimizer", kind: "select", options: OPTIMIZERS },
      { name: "framework", label: "Framework", kind: "select", options: FRAMEWORKS, hint: "Its documented defaults apply to every setting left at “framework default”" },
      { name: "packing", label: TRAINING_SETTING_LABELS.packing, kind: "tri-state", hint: "Sequences packed into full-length rows" },
      { name: "chunkedLoss", label: TRAINING_SETTING_LABELS.chunkedLoss, kind: "tri-state", hint: "Cross-entropy in chunks, no full fp32 logits" },
      { name: "activationOffloading", label: TRAINING_SETTING_LABELS.activationOffloading, kind: "tri-state", hint: "Saved activations moved to CPU" },
      { name: "torchCompile", label: TRAINING_SETTING_LABELS.torchCompile, kind: "tri-state" },
      { name: "optimizerInBackward", label: TRAINING_SETTING_LABELS.optimizerInBackward, kind: "tri-state", hint: "Step fused into the backward pass" },
      { name: "masterWeights", label: TRAINING_SETTING_LABELS.masterWeights, kind: "tri-state", hint: "Off: pure bf16 (weights, gradients and Adam states)" },
      { name: "learningRate", label: "Learning rate", kind: "number", step: "any" },
      { name: "epochs", label: "Epochs", kind: "number", step: "any" },
      { name: "datasetName", label: "Dataset", kind: "text" },
      { name: "datasetSize", label: "Dataset size (examples)", kind: "number" },
    ],
  },
  {
    title: "Outcomes",
    fields: [
      { name: "oom", label: "Ran out of memory (OOM)", kind: "checkbox" },
      { name: "peakMemoryGb", label: "Peak memory (GB)", kind: "number", step: "any", hint: "Measured, per GPU" },
      { name: "peakMemoryGbMin", label: "Peak memory from (GB)", kind: "number", step: "any", hint: "Only a range or lower bound known" },
      { name: "peakMemoryGbMax", label: "Peak memory to (GB)", kind: "number", step: "any", hint: "Empty for an open-ended bound; alone with “fits in” for an upper bound" },
      { name: "peakMemoryMeasure", label: "Peak memory measured", kind: "select", options: PEAK_MEMORY_MEASURES, hint: "allocated / reserved (torch), nvidia-smi, or fits-in (an upper bound)" },
      { name: "peakMemoryScope", label: "Peak memory scope", kind: "select", options: PEAK_MEMORY_SCOPES, hint: "Empty: per GPU; total: summed over the GPUs" },
      { name: "peakMemoryOriginal", label: "Peak memory as printed", kind: "text", hint: "The figure with its unit, e.g. 6.99 GiB" },
      { name: "isEstimate", label: "A published estimate, not a measurement", kind: "checkbox" },
      { name: "throughputSamplesPerSec", label: "Throughput (samples/s)", kind: "number", step: "any" },
      { name: "throughputTokensPerSec", label: "Throughput (tokens/s)", kind: "number", step: "any" },
      { name: "trainableParams", label: "Trainable parameters", kind: "number" },
      { name: "mtBench", label: "MT-Bench (0–10)", kind: "number", step: "any" },
      { name: "mmlu", label: "MMLU (%)", kind: "number", step: "any" },
      { name: "trainLoss", label: "Final train loss", kind: "number", step: "any" },
      { name: "evalLoss", label: "Final eval loss", kind: "number", step: "any" },
      { name: "wallTimeSec", label: "Wall time (s)", kind: "number", step: "any" },
      { name: "costUsd", label: "Cost (USD)", kind: "number", step: "any" },
    ],
  },
  { title: "Notes", fields: [{ name: "notes", label: "Notes", kind: "textarea" }] },
];

export const ALL_FIELDS: FormField[] = FORM_GROUPS.flatMap((group) => group.fields);

export function appliesTo(field: FormField, method: string): boolean {
  return !field.methods || (field.methods as readonly string[]).includes(method);
}

const LABELS = new Map(ALL_FIELDS.map((field) => [field.name, field.label]));
// The API writes a pair of bounds as one name; the form shows them as two fields.
const COMBINED_NAMES: Record<string, string> = { "peakMemoryGbMin/Max": "Peak memory from/to (GB)" };

/** The form's label for an API field name (the name itself when the form has no such field). */
export function labelFor(name: string): string {
  return LABELS.get(name) ?? name;
}

/**
 * An API message in the form's words: camelCase field names ("peakMemoryGb") become the labels beside the inputs
 * ("Peak memory (GB)"). The schema's messages stay as they are for API clients; only the form translates them.
 * Lower-case names (method, quantization) are left alone: they read as plain words and are spelled the same.
 */
export function withFormLabels(message: string): string {
  const names = [...Object.keys(COMBINED_NAMES), ...ALL_FIELDS.map((field) => field.name).filter((name) => /[A-Z]/.test(name))];
  // Longest first, so peakMemoryGbMin is not read as peakMemoryGb followed by "Min".
  names.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`\\b(${names.map((name) => name.replace(/[/]/g, "\\/")).join("|")})\\b`, "g");
  return message.replace(pattern, (name) => `“${COMBINED_NAMES[name] ?? labelFor(name)}”`);
}
