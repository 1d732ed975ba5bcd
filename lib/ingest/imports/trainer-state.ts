// Hugging Face Trainer's trainer_state.json (TrainerState.save_to_json in huggingface/transformers
// src/transformers/trainer_callback.py, read at 01081ce2; later versions add train_batch_size, logging_steps and
// stateful_callbacks). log_history holds one dict per Trainer.log call, each with "step" = global_step added:
// training entries {loss, grad_norm, learning_rate, epoch}, evaluation entries {eval_loss, eval_runtime, ...}, and
// a final summary {train_runtime, train_samples_per_second, train_steps_per_second, total_flos, train_loss}.
import { type ImportedFields, type ImportedMetricPoint, ImportFileError, paramValue, type ParsedImport } from "./types";

/** Top-level keys kept as parameters: the run's shape, not its history. */
const STATE_PARAMS = ["global_step", "max_steps", "num_train_epochs", "train_batch_size", "logging_steps", "eval_steps", "save_steps", "total_flos", "best_metric", "best_model_checkpoint", "epoch"];

/** A number, or the NaN / Infinity a diverged run writes (Python's json.dumps writes them bare; they arrive quoted). */
function numeric(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return undefined;
}

export function parseTrainerState(state: Record<string, unknown>, filename: string): ParsedImport {
  const history = state.log_history;
  if (history === undefined) throw new ImportFileError(filename, `${filename} has no log_history: it is not a Hugging Face trainer_state.json`);
  if (!Array.isArray(history)) throw new ImportFileError(filename, `${filename}: log_history must be a list of log entries`);
  const metrics: ImportedMetricPoint[] = [];
  const warnings: string[] = [];
  let summary: Record<string, unknown> | undefined;
  let lastLoss: number | undefined;
  let lastEvalLoss: number | undefined;
  let skipped = 0;
  for (const [index, entry] of history.entries()) {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new ImportFileError(filename, `${filename}: log_history[${index}] is not a log entry (an object of numbers)`);
    const record = entry as Record<string, unknown>;
    const step = record.step;
    if (typeof step !== "number" || !Number.isInteger(step) || step < 0) {
      skipped++;
      continue;
    }
    // The final summary (train_runtime, total_flos ~1e16, ...) is outcomes, not a curve: drawn beside the loss it
    // would flatten every other line, so its values become fields and parameters instead of points.
    if ("train_runtime" in record) {
      summary = record;
      continue;
    }
    for (const key in record) {
      if (key === "step") continue;
      const value = numeric(record[key]);
      if (value !== undefined) metrics.push({ key, step, value });
    }
    if (typeof record.loss === "number") lastLoss = record.loss;
    if (typeof record.eval_loss === "number") lastEvalLoss = record.eval_loss;
  }
  if (skipped) warnings.push(`${skipped} log_history ${skipped === 1 ? "entry has" : "entries have"} no step and ${skipped === 1 ? "was" : "were"} left out`);
  if (!metrics.length) warnings.push("log_history holds no metric values");

  const fields: ImportedFields = {};
  const from: ParsedImport["from"] = {};
  const set = <K extends keyof ImportedFields>(field: K, value: unknown, key: string) => {
    if (typeof value !== "number" || !Number.isFinite(value)) return;
    (fields as Record<string, unknown>)[field] = value;
    from[field] = key;
  };
  if (summary) {
    set("wallTimeSec", summary.train_runtime, "train_runtime");
    set("throughputSamplesPerSec", summary.train_samples_per_second, "train_samples_per_second");
    set("throughputTokensPerSec", summary.train_tokens_per_second, "train_tokens_per_second");
    set("trainLoss", summary.train_loss, "train_loss");
  } else {
    warnings.push("no final summary entry (train_runtime): training had not finished when the file was saved");
    set("trainLoss", lastLoss, "loss (last logged)");
  }
  set("evalLoss", lastEvalLoss, "eval_loss (last logged)");
  set("epochs", state.num_train_epochs, "num_train_epochs");
  // TrainerState.train_batch_size is TrainingArguments.train_batch_size: per device (times the GPUs of one process under DataParallel).
  if (typeof state.train_batch_size === "number" && Number.isInteger(state.train_batch_size) && state.train_batch_size >= 1) set("batchSize", state.train_batch_size, "train_batch_size");
  const params: Record<string, string> = {};
  for (const key of STATE_PARAMS) if (state[key] !== undefined && state[key] !== null) params[key] = paramValue(state[key]);
  for (const [key, value] of Object.entries(summary ?? {})) if (key !== "step" && key !== "epoch") params[key] = paramValue(value);
  return { kind: "trainer_state", filename, framework: "transformers", fields, from, params, tags: [], metrics, warnings };
}
