// Summary metrics any client may log, whatever the framework. Hugging Face's Trainer logs train_runtime,
// train_samples_per_second (all devices: its sample count is the total batch × steps), train_tokens_per_second (per
// device, TrainingArguments.include_tokens_per_second) and train_loss (the mean over the run) once at the end, and
// eval_loss at each evaluation (transformers trainer.py / trainer_utils.py speed_metrics at
// 0101dc058f691005bbf071fe1857370360a14895). mt_bench and mmlu are what an evaluation step logs under those names.
import { MMLU_FRACTION_MAX } from "@/lib/schemas/run";
import { perGpuThroughput } from "./torchtune";
import { metricRule, paramRule, toPositiveInt, toText, type Rule } from "./types";

export const SUMMARY_METRIC_RULES: readonly Rule[] = [
  metricRule("wallTimeSec", ["train_runtime"], (value) => (value >= 0 ? { value } : undefined), "seconds"),
  metricRule("throughputSamplesPerSec", ["train_samples_per_second"], (value) => (value >= 0 ? { value } : undefined), "all GPUs together"),
  metricRule("throughputTokensPerSec", ["train_tokens_per_second"], perGpuThroughput("train_tokens_per_second"), "per device: × gpuCount"),
  metricRule("trainLoss", ["train_loss"], (value) => (value >= 0 ? { value } : undefined), "Hugging Face: the mean over the run"),
  metricRule("evalLoss", ["eval_loss"], (value) => (value >= 0 ? { value } : undefined), "latest"),
  metricRule("mtBench", ["mt_bench"], (value) => (value >= 0 && value <= 10 ? { value } : undefined)),
  // lm-eval and most harnesses report accuracy as a fraction; Tuneboard stores MMLU in percent.
  metricRule("mmlu", ["mmlu"], (value, _input, key) =>
    value > 0 && value <= MMLU_FRACTION_MAX ? { value: value * 100, from: `${key} (fraction × 100)` } : value > MMLU_FRACTION_MAX && value <= 100 ? { value } : undefined,
  ),
];

/**
 * Tags a training script can set to say what no client logs: the GPU (torch.cuda.get_device_name()) and how many
 * took part. Their `tuneboard.` prefix keeps them from meaning anything else.
 */
export const TUNEBOARD_TAG_RULES: readonly Rule[] = [
  paramRule("hardware", ["tuneboard.hardware"], toText),
  paramRule("gpuCount", ["tuneboard.gpu_count"], toPositiveInt),
];
