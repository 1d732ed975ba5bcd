// LitGPT's fine-tuning scripts (litgpt/finetune/lora.py, full.py) log no hyperparameters through Lightning's
// MLFlowLogger, only per-step metrics: loss, iter, step, epoch, iter_time, tokens, total_tokens, learning_rate, and
// val_loss / val_ppl at each evaluation. Read from Lightning-AI/litgpt litgpt/finetune/lora.py at
// 26857050fe3ff627cd714fe92f5838f51a3d5efa.
import { metricRule, type Rule } from "./types";

/** The metric pair only LitGPT's loops log together. */
export const LITGPT_METRIC_KEYS = ["iter_time", "total_tokens"] as const;

export const LITGPT_RULES: readonly Rule[] = [
  metricRule("trainLoss", ["loss"], (value) => (value >= 0 ? { value } : undefined), "latest"),
  metricRule("evalLoss", ["val_loss"], (value) => (value >= 0 ? { value } : undefined), "latest"),
];
