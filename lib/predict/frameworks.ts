// How each training stack trains when a request or a run does not say (issue 11 §2): the precision regime, the
// loss implementation and the memory optimizations each framework turns on by itself. Pure: no I/O. Every default
// was read in the framework's own code or shipped configs at the commit cited in `why`; where a default is a
// recipe or example choice rather than code, `why` says so. Nothing here is fitted to measurements.
import type { AppliedDefault } from "@/lib/schemas/predict";
import type { Framework, Method, TrainingOverride } from "@/lib/schemas/run";

/** How the loss is split: a fixed number of chunks of the token dimension, or chunks of a fixed token count. */
export type LossChunking = { chunks: number } | { tokensPerChunk: number };

/** How a run is assumed to train, every field decided (by the request or by the framework's default). */
export type TrainingSettings = {
  framework: Framework;
  /**
   * true: AMP — 16-bit compute over fp32 trainable weights (fp32 master copy, fp32 gradients for adapters, fp32
   * AdamW states). false: pure bf16 — weights, gradients and AdamW states all in the 16-bit dtype.
   */
  masterWeights: boolean;
  /** Cross-entropy computed chunk by chunk, so the fp32 upcast (and, where the lm_head is chunked too, the logits) exist per chunk. */
  chunkedLoss: boolean;
  /** Sequences packed into full seqLen rows; false: each row is padded to the longest sample in its batch. */
  packing: boolean;
  /** Saved activations moved to CPU memory during the forward, brought back for the backward. */
  activationOffloading: boolean;
  torchCompile: boolean;
  /** The optimizer step runs inside the backward, each gradient freed right after its parameter's update. */
  optimizerInBackward: boolean;
  gradientCheckpointing: boolean;
  /** How the chunked loss is split (only read when chunkedLoss). */
  lossChunking: LossChunking;
  /** Whether the 16-bit logits are upcast to fp32 before the cross-entropy (Hugging Face's ForCausalLMLoss does). */
  logitsUpcast: boolean;
};

/** The settings a request may decide; the rest follow from the framework. */
export const TRAINING_SETTING_FIELDS = [
  "masterWeights",
  "chunkedLoss",
  "packing",
  "activationOffloading",
  "torchCompile",
  "optimizerInBackward",
  "gradientCheckpointing",
] as const satisfies readonly (TrainingOverride | "gradientCheckpointing")[];
export type TrainingSettingField = (typeof TRAINING_SETTING_FIELDS)[number];

export type FrameworkDefaults = {
  /** Display name, e.g. "torchtune". */
  label: string;
  settings: Omit<TrainingSettings, "framework">;
  /** For each decided field, where the default was read: repository, file, commit, and what the code does. */
  why: Record<TrainingSettingField | "lossChunking" | "logitsUpcast", string>;
};

// Commits the defaults were read at (the snapshot each repository was read from).
const TRANSFORMERS = "huggingface/transformers";
const TRL = "huggingface/trl@f2cd57710ae345ea6428ae95363267fcf38a3dc8";
const TORCHTUNE = "pytorch/torchtune@bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1";
const LITGPT = "Lightning-AI/litgpt@26857050fe3ff627cd714fe92f5838f51a3d5efa";
const AXOLOTL = "axolotl-ai-cloud/axolotl@067b021c8b87a9e5e380b9173c704cf7340e30f5";
const UNSLOTH = "unslothai/unsloth@015bdef0d94a241bcd94eec7a405b1700632180d";
const LLAMA_FACTORY = "hiyouga/LLaMA-Factory@ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30";
const MS_SWIFT = "modelscope/ms-swift@3602360a562313afbf2ef6065fdf61f271a2c5b9";

const TRANSFORMERS_DEFAULTS: FrameworkDefaults = {
  label: "transformers",
  settings: {
    masterWeights: true,
    chunkedLoss: false,
    packing: false,
    activationOffloading: false,
    torchCompile: false,
    optimizerInBackward: false,
    gradientCheckpointing: false,
    lossChunking: { chunks: 1 },
    logitsUpcast: true,
  },
  why: {
    masterWeights: `${TRANSFORMERS} src/transformers/training_args.py: bf16=True is torch.autocast over the weights as loaded; PEFT keeps LoRA weights in fp32 (autocast_adapter_dtype=True), so trainable weights and AdamW states are fp32`,
    chunkedLoss: `${TRANSFORMERS} src/transformers/loss/loss_utils.py: ForCausalLMLoss computes one cross_entropy over all logits (TRL's SFTConfig has its own chunked_nll, ${TRL} trl/trainer/sft_config.py)`,
    packing: `${TRL} trl/trainer/sft_config.py: packing defaults to False; the collator pads each batch to its longest sample`,
    activationOffloading: `${TRL} trl/trainer/sft_config.py: activation_offloading defaults to False; the Trainer has none`,
    torchCompile: `${TRANSFORMERS} src/transformers/training_args.py: torch_compile defaults to False`,
    optimizerInBackward: `${TRANSFORMERS} src/transformers/trainer.py: the optimizer steps after the backward, all gradients resident`,
    gradientCheckpointing: `${TRANSFORMERS} src/transformers/training_args.py: gradient_checkpointing defaults to False (TRL's SFTConfig turns it on, ${TRL} trl/trainer/sft_config.py)`,
    lossChunking: "no chunking",
    logitsUpcast: `${TRANSFORMERS} src/transformers/loss/loss_utils.py: ForCausalLMLoss calls logits.float() before cross_entropy`,
  },
};

/**
 * Each framework's documented defaults. "other" uses transformers' (the most common stack underneath the rest).
 * Bodies under review: see `why` for the file each value was read from.
 */
export const FRAMEWORK_DEFAULTS: Record<Framework, FrameworkDefaults> = {
  transformers: TRANSFORMERS_DEFAULTS,
  torchtune: {
    label: "torchtune",
    settings: {
      masterWeights: false,
      chunkedLoss: true,
      packing: false,
      activationOffloading: false,
      torchCompile: false,
      optimizerInBackward: false,
      gradientCheckpointing: true,
      lossChunking: { chunks: 8 },
      logitsUpcast: true,
    },
    why: {
      masterWeights: `${TORCHTUNE} recipes/configs/llama3_1/8B_lora_single_device.yaml (and every recipe config): dtype: bf16 loads the whole model in bf16, so AdamW states are bf16 too (pure bf16, no fp32 master copy)`,
      chunkedLoss: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: loss LinearCrossEntropyLoss (torchtune/modules/loss/cross_entropy_loss.py), lm_head and fp32 cross-entropy per chunk`,
      packing: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: dataset packed: False (a recipe choice; the collator pads to the batch's longest)`,
      activationOffloading: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: enable_activation_offloading: False (recipe choice)`,
      torchCompile: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: compile: False (recipe choice)`,
      optimizerInBackward: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: optimizer_in_bwd: False (the single-device full configs set True)`,
      gradientCheckpointing: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: enable_activation_checkpointing: True (recipe choice)`,
      lossChunking: `${TORCHTUNE} torchtune/modules/loss/cross_entropy_loss.py: num_output_chunks defaults to 8`,
      logitsUpcast: `${TORCHTUNE} torchtune/modules/loss/cross_entropy_loss.py: compute_cross_entropy upcasts each chunk with logits.float()`,
    },
  },
  litgpt: {
    label: "LitGPT",
    settings: {
      masterWeights: false,
      chunkedLoss: true,
      packing: false,
      activationOffloading: false,
      torchCompile: false,
      optimizerInBackward: false,
      gradientCheckpointing: false,
      lossChunking: { tokensPerChunk: 128 },
      logitsUpcast: false,
    },
    why: {
      masterWeights: `${LITGPT} config_hub/finetune/llama-3.1-8b/lora.yaml: precision: bf16-true (Lightning's pure bf16: weights and optimizer states in bf16)`,
      chunkedLoss: `${LITGPT} litgpt/finetune/lora.py: model(input_ids, lm_head_chunk_size=128) then litgpt/utils.py chunked_cross_entropy`,
      packing: `${LITGPT} litgpt/data: samples padded per batch, no packing`,
      activationOffloading: `${LITGPT} litgpt/finetune/lora.py: no activation offloading`,
      torchCompile: `${LITGPT} litgpt/finetune/lora.py: the model is not compiled`,
      optimizerInBackward: `${LITGPT} litgpt/finetune/lora.py: the optimizer steps after the backward`,
      gradientCheckpointing: `${LITGPT} litgpt/finetune/lora.py: activation checkpointing only in the FSDP strategy (activation_checkpointing_policy={Block}), not on one device`,
      lossChunking: `${LITGPT} litgpt/utils.py: chunked_cross_entropy(chunk_size=128), lm_head_chunk_size=128 tokens`,
      logitsUpcast: `${LITGPT} litgpt/utils.py: chunked_cross_entropy passes the bf16 logits to cross_entropy without .float()`,
    },
  },
  axolotl: {
    label: "axolotl",
    settings: {
      masterWeights: true,
      chunkedLoss: false,
      packing: true,
      activationOffloading: false,
      torchCompile: false,
      optimizerInBackward: false,
      gradientCheckpointing: true,
      lossChunking: { chunks: 1 },
      logitsUpcast: true,
    },
    why: {
      masterWeights: `${AXOLOTL} examples/llama-3/lora-8b.yml: bf16: auto over the HF Trainer (AMP; PEFT adapters fp32)`,
      chunkedLoss: `${AXOLOTL} examples: cut cross entropy / liger are optional plugins, off unless listed`,
      packing: `${AXOLOTL} examples/llama-3/lora-8b.yml: sample_packing: true (example choice)`,
      activationOffloading: `${AXOLOTL} examples: activation offloading off unless set`,
      torchCompile: `${AXOLOTL} examples: torch_compile off unless set`,
      optimizerInBackward: `${AXOLOTL} HF Trainer underneath: optimizer after the backward`,
      gradientCheckpointing: `${AXOLOTL} examples/llama-3/lora-8b.yml: gradient_checkpointing: true (example choice)`,
      lossChunking: "no chunking",
      logitsUpcast: `${TRANSFORMERS} ForCausalLMLoss underneath: logits.float()`,
    },
  },
  unsloth: {
    label: "Unsloth",
    settings: {
      masterWeights: true,
      chunkedLoss: true,
      packing: false,
      activationOffloading: true,
      torchCompile: false,
      optimizerInBackward: false,
      gradientCheckpointing: true,
      lossChunking: { chunks: 1 },
      logitsUpcast: false,
    },
    why: {
      masterWeights: `${UNSLOTH} unsloth/models/llama.py: LoRA adapters in fp32 over a 16-bit or 4-bit base (AMP)`,
      chunkedLoss: `${UNSLOTH} unsloth kernels: fused cross-entropy computed without materialising fp32 logits`,
      packing: `${UNSLOTH} notebooks/examples: packing = False in SFTTrainer (example choice)`,
      activationOffloading: `${UNSLOTH} unsloth/models/_utils.py: use_gradient_checkpointing="unsloth" offloads the checkpointed layer inputs to CPU`,
      torchCompile: `${UNSLOTH} the model is not torch.compiled as a whole`,
      optimizerInBackward: `${UNSLOTH} HF Trainer underneath: optimizer after the backward`,
      gradientCheckpointing: `${UNSLOTH} unsloth/models/llama.py: get_peft_model(use_gradient_checkpointing="unsloth") by default`,
      lossChunking: "fused kernel, no fp32 logits",
      logitsUpcast: `${UNSLOTH} fused cross-entropy kernel: no fp32 copy of the logits`,
    },
  },
  "llama-factory": {
    label: "LLaMA-Factory",
    settings: {
      masterWeights: true,
      chunkedLoss: false,
      packing: false,
      activationOffloading: false,
      torchCompile: false,
      optimizerInBackward: false,
      gradientCheckpointing: true,
      lossChunking: { chunks: 1 },
      logitsUpcast: true,
    },
    why: {
      masterWeights: `${LLAMA_FACTORY} src/llamafactory/hparams/finetuning_args.py: pure_bf16 defaults to False (AMP over the HF Trainer)`,
      chunkedLoss: `${LLAMA_FACTORY} src/llamafactory/hparams/model_args.py: enable_liger_kernel defaults to False`,
      packing: `${LLAMA_FACTORY} src/llamafactory/hparams/data_args.py: packing defaults to None, False for SFT`,
      activationOffloading: `${LLAMA_FACTORY} src/llamafactory/hparams/model_args.py: use_unsloth_gc defaults to False`,
      torchCompile: `${LLAMA_FACTORY} HF Trainer underneath: torch_compile False`,
      optimizerInBackward: `${LLAMA_FACTORY} HF Trainer underneath: optimizer after the backward`,
      gradientCheckpointing: `${LLAMA_FACTORY} src/llamafactory/hparams/model_args.py: disable_gradient_checkpointing defaults to False (checkpointing on)`,
      lossChunking: "no chunking",
      logitsUpcast: `${TRANSFORMERS} ForCausalLMLoss underneath: logits.float()`,
    },
  },
  "ms-swift": {
    label: "ms-swift",
    settings: {
      masterWeights: true,
      chunkedLoss: false,
      packing: false,
      activationOffloading: false,
      torchCompile: false,
      optimizerInBackward: false,
      gradientCheckpointing: true,
      lossChunking: { chunks: 1 },
      logitsUpcast: true,
    },
    why: {
      masterWeights: `${MS_SWIFT} swift/trainers/arguments.py: AMP bf16 through the HF Trainer`,
      chunkedLoss: `${MS_SWIFT} HF loss underneath`,
      packing: `${MS_SWIFT} packing defaults to False`,
      activationOffloading: `${MS_SWIFT} no activation offloading by default`,
      torchCompile: `${MS_SWIFT} HF Trainer underneath: torch_compile False`,
      optimizerInBackward: `${MS_SWIFT} HF Trainer underneath: optimizer after the backward`,
      gradientCheckpointing: `${MS_SWIFT} swift/trainers/arguments.py: gradient_checkpointing: bool = True`,
      lossChunking: "no chunking",
      logitsUpcast: `${TRANSFORMERS} ForCausalLMLoss underneath: logits.float()`,
    },
  },
  other: { ...TRANSFORMERS_DEFAULTS, label: "other (transformers' defaults)" },
};

export type ResolveTrainingInput = { framework?: Framework | null; method?: Method | null } & Partial<
  Record<TrainingOverride | "gradientCheckpointing", boolean | null | undefined>
>;

/** Request values win; the framework's documented defaults fill the rest; `applied` lists every setting and who decided it. */
export function resolveTraining(input: ResolveTrainingInput): { settings: TrainingSettings; applied: AppliedDefault[] } {
  const framework = input.framework ?? "transformers";
  const defaults = FRAMEWORK_DEFAULTS[framework];
  const settings: TrainingSettings = { framework, ...defaults.settings };
  const applied: AppliedDefault[] = [];
  for (const field of TRAINING_SETTING_FIELDS) {
    const requested = input[field];
    if (typeof requested === "boolean") {
      settings[field] = requested;
      applied.push({ field, value: requested, origin: "request", why: "set in the request" });
    } else {
      applied.push({ field, value: settings[field], origin: "framework", why: defaults.why[field] });
    }
  }
  return { settings, applied };
}
