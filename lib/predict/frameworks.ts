// How each training stack trains when a request or a run does not say (issue 11 §2): the precision regime, the
// loss implementation and the memory optimizations each framework turns on by itself. Pure: no I/O. Every default
// was read in the framework's own code or shipped configs at the commit cited in `why`; where a default is a
// recipe or example choice rather than code, `why` says so. Nothing here is fitted to measurements.
import type { AppliedDefault } from "@/lib/schemas/predict";
import type { Framework, Method, TrainingOverride } from "@/lib/schemas/run";

/** How the chunked loss is split: a fixed number of chunks of the token dimension, or chunks of a fixed token count. */
export type LossChunking = { chunks: number } | { tokensPerChunk: number };

/**
 * What a chunked loss keeps (memory.ts's logitsBytes reads it):
 * - "logits": the full 16-bit logits exist (the model's output), the cross-entropy runs chunk by chunk, and every
 *   chunk's log-softmax is saved for the backward (LitGPT's chunked_cross_entropy).
 * - "projection": the lm_head runs inside the loss, chunk by chunk; no full 16-bit logits, but every chunk's
 *   log-softmax is still saved for the backward (torchtune's LinearCrossEntropyLoss without compile).
 * - "fused": one chunk's logits at a time, recomputed or differentiated on the spot: nothing of vocabulary size
 *   outlives its chunk (Unsloth's fused cross-entropy, TRL's chunked_nll, Liger, Cut Cross Entropy).
 */
export type ChunkedLossKind = "logits" | "projection" | "fused";

/** How a run is assumed to train, every field decided (by the request or by the framework's default). */
export type TrainingSettings = {
  framework: Framework;
  /**
   * true: AMP — 16-bit compute over fp32 trainable weights (an fp32 master copy for full fine-tuning, fp32 LoRA
   * adapters, fp32 AdamW states). false: pure bf16 — trainable weights, gradients and AdamW states in the 16-bit dtype.
   */
  masterWeights: boolean;
  /** Cross-entropy computed chunk by chunk (see chunkedLossKind), so no fp32 copy of all the logits at once. */
  chunkedLoss: boolean;
  /** Sequences packed into full seqLen rows; false: each row is padded to the longest sample in its batch. */
  packing: boolean;
  /** Saved activations moved to CPU memory during the forward, brought back for the backward. */
  activationOffloading: boolean;
  torchCompile: boolean;
  /** The optimizer step runs inside the backward, each gradient freed right after its parameter's update. */
  optimizerInBackward: boolean;
  gradientCheckpointing: boolean;
  /** What the chunked loss keeps, when chunkedLoss. */
  chunkedLossKind: ChunkedLossKind;
  /** How the chunked loss is split, when chunkedLoss. */
  lossChunking: LossChunking;
  /** Whether the 16-bit logits are upcast to fp32 before the cross-entropy (Hugging Face's ForCausalLMLoss does). */
  logitsUpcast: boolean;
  /** 4-bit weights always carry double-quantized block constants, whatever the request's doubleQuant (torchao's NF4). */
  alwaysDoubleQuant: boolean;
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

type SettingValues = Omit<TrainingSettings, "framework">;
type WhyField = TrainingSettingField | "chunkedLossKind" | "lossChunking" | "logitsUpcast" | "alwaysDoubleQuant";

/** A default that depends on the method or the GPU count, e.g. torchtune's single-GPU full fine-tuning recipes. */
export type FrameworkRule = {
  method?: readonly Method[];
  /** "single": one GPU; "multi": two or more. */
  gpus?: "single" | "multi";
  settings: Partial<SettingValues>;
  why: Partial<Record<WhyField, string>>;
};

export type FrameworkDefaults = {
  /** Display name, e.g. "torchtune". */
  label: string;
  settings: SettingValues;
  /** For each decided field, where the default was read: repository, file, commit, and what the code does. */
  why: Record<WhyField, string>;
  /** Defaults that differ by method or GPU count; later rules win. */
  rules?: readonly FrameworkRule[];
};

// The commit each repository was read at.
const TRANSFORMERS_ARGS = "huggingface/transformers@00349ae87eddc872ffa21a8a54f264375a0056a8 src/transformers/training_args.py";
const TRANSFORMERS_LOSS = "huggingface/transformers@0114da07ec0e101b420a923dedeb6032b6ac3a44 src/transformers/loss/loss_utils.py";
const TRL = "huggingface/trl@f2cd57710ae345ea6428ae95363267fcf38a3dc8";
const TORCHTUNE = "pytorch/torchtune@bd2a0fc7c31430972728494fa01aaeeb0ebf1ba1";
const LITGPT = "Lightning-AI/litgpt@26857050fe3ff627cd714fe92f5838f51a3d5efa";
const AXOLOTL = "axolotl-ai-cloud/axolotl@067b021c8b87a9e5e380b9173c704cf7340e30f5";
const UNSLOTH = "unslothai/unsloth@015bdef0d94a241bcd94eec7a405b1700632180d";
const LLAMA_FACTORY = "hiyouga/LLaMA-Factory@ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30";
const MS_SWIFT = "modelscope/ms-swift@3602360a562313afbf2ef6065fdf61f271a2c5b9";

// When a Hugging Face based run turns a chunked loss on, it is a fused one: TRL's chunked_nll, Liger's fused linear
// cross-entropy or Cut Cross Entropy; TRL's chunk size stands for all of them.
const HF_CHUNKED = { chunkedLossKind: "fused", lossChunking: { tokensPerChunk: 256 } } as const;
const HF_LOSS_WHY = {
  chunkedLossKind: `${TRL} trl/trainer/sft_trainer.py: chunked_nll keeps one chunk's logits alive at a time (checkpointed); Liger and Cut Cross Entropy are fused too`,
  lossChunking: `${TRL} trl/trainer/sft_trainer.py: _CHUNKED_LM_HEAD_CHUNK_SIZE = 256 tokens`,
  logitsUpcast: `${TRANSFORMERS_LOSS}: ForCausalLMLoss calls logits.float() before cross_entropy`,
  alwaysDoubleQuant: `${TRANSFORMERS_ARGS} with bitsandbytes underneath: double quantization only when asked (BitsAndBytesConfig bnb_4bit_use_double_quant)`,
};
const HF_TRAINER_WHY = {
  torchCompile: `${TRANSFORMERS_ARGS}: torch_compile defaults to False`,
  optimizerInBackward: `${TRANSFORMERS_ARGS}: the Trainer steps the optimizer after the backward, all gradients resident`,
};

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
    ...HF_CHUNKED,
    logitsUpcast: true,
    alwaysDoubleQuant: false,
  },
  why: {
    masterWeights:
      `${TRL} trl/trainer/sft_trainer.py: a model given by name is loaded in float32 unless model_init_kwargs says otherwise, and bf16=True is autocast over it (AMP); ` +
      "PEFT's get_peft_model keeps LoRA adapters in fp32 (autocast_adapter_dtype=True). A model loaded in bf16 by hand trains pure bf16: set masterWeights false",
    chunkedLoss: `${TRANSFORMERS_LOSS}: ForCausalLMLoss is one cross_entropy over all the logits (TRL's SFTConfig has its own chunked_nll loss: set chunkedLoss true for it)`,
    packing: `${TRL} trl/trainer/sft_config.py: packing defaults to False; the collator pads each batch to its longest sample`,
    activationOffloading: `${TRL} trl/trainer/sft_config.py: activation_offloading defaults to False; the Trainer has none`,
    gradientCheckpointing: `${TRANSFORMERS_ARGS}: gradient_checkpointing defaults to False (TRL's SFTConfig defaults it to True: set it for TRL runs)`,
    ...HF_TRAINER_WHY,
    ...HF_LOSS_WHY,
  },
};

/**
 * Each framework's documented defaults. "other" uses transformers' (the most common stack underneath the rest).
 * Where a value is a choice of the framework's shipped recipes or examples rather than of its code, `why` says so.
 */
/**
 * Frameworks whose LoRA MLP is one hand-written autograd function that saves fewer tensors for the backward than
 * PyTorch's autograd does for gate, SiLU, up, product and down: the citation says what it saves. It applies to
 * LoRA and QLoRA with gate, up and down all adapted, no LoRA dropout and no bias (estimateMemoryBytes checks).
 */
export const FUSED_LORA_MLP: Partial<Record<Framework, string>> = {
  unsloth:
    `${UNSLOTH} unsloth/kernels/fast_lora.py: LoRA_MLP.forward saves only X, e = X·gate and g = X·up (ctx.save_for_backward) ` +
    "and recomputes SiLU(e) and h = SiLU(e)·g in the backward; unsloth/models/llama.py get_peft_model patches every MLP with it " +
    'when lora_dropout == 0, bias == "none" and gate_proj, up_proj and down_proj all carry LoRA',
};

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
      chunkedLossKind: "projection",
      lossChunking: { chunks: 8 },
      logitsUpcast: true,
      alwaysDoubleQuant: true,
    },
    why: {
      masterWeights: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml, 8B_lora_single_device.yaml: dtype: bf16 puts every parameter, LoRA's included, in bf16, and torch.optim.AdamW keeps its states in the parameters' dtype (pure bf16, no fp32 copy)`,
      chunkedLoss: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: loss is torchtune.modules.loss.LinearCrossEntropyLoss (recipe choice; every Llama 3.1 config uses it)`,
      packing: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: dataset packed: False (recipe choice; the collator pads to the batch's longest)`,
      activationOffloading: `${TORCHTUNE} recipes/full_finetune_single_device.py: enable_activation_offloading defaults to False; the configs say False`,
      torchCompile: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: compile: False (recipe choice)`,
      optimizerInBackward: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml: optimizer_in_bwd: False (multi-GPU and LoRA recipes)`,
      gradientCheckpointing: `${TORCHTUNE} recipes/configs/llama3_1/8B_full.yaml, 8B_lora_single_device.yaml: enable_activation_checkpointing: True (recipe choice; the recipe code defaults to False)`,
      chunkedLossKind: `${TORCHTUNE} torchtune/modules/loss/cross_entropy_loss.py: LinearCrossEntropyLoss applies the lm_head per chunk and upcasts each chunk; autograd keeps each chunk's log-softmax for the backward`,
      lossChunking: `${TORCHTUNE} torchtune/modules/loss/cross_entropy_loss.py: num_output_chunks defaults to 8`,
      logitsUpcast: `${TORCHTUNE} torchtune/modules/loss/cross_entropy_loss.py: compute_cross_entropy calls logits.float() per chunk`,
      alwaysDoubleQuant: `${TORCHTUNE} torchtune/modules/peft/lora.py: QLoRA quantizes with torchao's to_nf4 (block_size 64, scaler_block_size 256: 8-bit block scales, double quantization)`,
    },
    rules: [
      {
        method: ["full"],
        gpus: "single",
        settings: { optimizerInBackward: true },
        why: {
          optimizerInBackward: `${TORCHTUNE} recipes/configs/llama3_1/8B_full_single_device.yaml (and the Llama 3, 3.2 and Qwen2.5 1.5B+ single-device full configs): optimizer_in_bwd: True (recipe choice, with bitsandbytes PagedAdamW8bit)`,
        },
      },
    ],
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
      chunkedLossKind: "logits",
      lossChunking: { tokensPerChunk: 128 },
      logitsUpcast: false,
      alwaysDoubleQuant: false,
    },
    why: {
      masterWeights: `${LITGPT} config_hub/finetune/llama-3.1-8b/lora.yaml, qlora.yaml, full.yaml: precision: bf16-true, Lightning's pure bf16 (recipe choice; without --precision the code picks bf16-mixed, litgpt/utils.py get_default_supported_precision)`,
      chunkedLoss: `${LITGPT} litgpt/finetune/lora.py: model(input_ids, lm_head_chunk_size=128), then litgpt/utils.py chunked_cross_entropy; litgpt/finetune/full.py: chunked_cross_entropy over the full logits`,
      packing: `${LITGPT} litgpt/data/base.py: _sft_collate_fn pads each batch to its longest sample (pad_sequence); no packing`,
      activationOffloading: `${LITGPT} litgpt/finetune/lora.py: no activation offloading`,
      torchCompile: `${LITGPT} litgpt/finetune/lora.py: the training model is not compiled`,
      optimizerInBackward: `${LITGPT} litgpt/finetune/lora.py: the optimizer steps after the backward`,
      gradientCheckpointing: `${LITGPT} litgpt/finetune/lora.py, full.py: activation checkpointing only inside the FSDP strategy (devices > 1), none on one GPU`,
      chunkedLossKind: `${LITGPT} litgpt/utils.py: chunked_cross_entropy splits 16-bit logits the model already returned; each chunk's loss graph is kept for the backward`,
      lossChunking: `${LITGPT} litgpt/utils.py: chunked_cross_entropy(chunk_size=128) tokens`,
      logitsUpcast: `${LITGPT} litgpt/utils.py: chunked_cross_entropy hands the bf16 logits to cross_entropy without .float()`,
      alwaysDoubleQuant: `${LITGPT} config_hub/finetune/llama-3.1-8b/qlora.yaml: quantize: bnb.nf4 (bnb.nf4-dq asks for double quantization)`,
    },
    rules: [
      {
        gpus: "multi",
        settings: { gradientCheckpointing: true },
        why: { gradientCheckpointing: `${LITGPT} litgpt/finetune/lora.py, full.py: devices > 1 uses FSDPStrategy(activation_checkpointing_policy={Block})` },
      },
    ],
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
      ...HF_CHUNKED,
      logitsUpcast: true,
      alwaysDoubleQuant: false,
    },
    why: {
      masterWeights: `${AXOLOTL} src/axolotl/loaders/adapter.py: get_peft_model with PEFT's default autocast_adapter_dtype keeps LoRA adapters (and their AdamW states) in fp32`,
      chunkedLoss: `${AXOLOTL} examples/llama-3/lora-8b.yml: no cut_cross_entropy or liger plugin (optional plugins)`,
      packing: `${AXOLOTL} examples/llama-3/lora-8b.yml, qlora.yml: sample_packing: true (example choice)`,
      activationOffloading: `${AXOLOTL} examples/llama-3/lora-8b.yml: activation offloading not set`,
      gradientCheckpointing: `${AXOLOTL} examples/llama-3/lora-8b.yml, qlora.yml: gradient_checkpointing: true (example choice)`,
      ...HF_TRAINER_WHY,
      ...HF_LOSS_WHY,
    },
    rules: [
      {
        method: ["full"],
        settings: { masterWeights: false },
        why: {
          masterWeights: `${AXOLOTL} src/axolotl/utils/config/__init__.py: bf16 sets cfg.torch_dtype = torch.bfloat16 and src/axolotl/loaders/model.py loads the model in it; nothing upcasts the trainable weights, so AdamW states are bf16 too (pure bf16)`,
        },
      },
    ],
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
      chunkedLossKind: "fused",
      lossChunking: { chunks: 8 },
      logitsUpcast: false,
      alwaysDoubleQuant: true,
    },
    why: {
      masterWeights: `${UNSLOTH} unsloth/models/_utils.py: prepare_model_for_kbit_training(float32_mixed_precision=True); LoRA adapters stay fp32 for mixed precision`,
      chunkedLoss: `${UNSLOTH} unsloth/models/llama.py: CausalLM forward computes the loss with unsloth_fused_ce_loss and returns EMPTY_LOGITS (logits never materialised)`,
      packing: `${TRL} trl/trainer/sft_config.py: Unsloth trains through TRL's SFTTrainer, packing False by default`,
      activationOffloading: `${UNSLOTH} unsloth/models/llama.py: use_gradient_checkpointing="unsloth" (Unsloth_Offloaded_Gradient_Checkpointer) moves the checkpointed layer inputs to CPU`,
      torchCompile: `${UNSLOTH} unsloth/models/llama.py: the model as a whole is not torch.compiled (its kernels are)`,
      optimizerInBackward: `${UNSLOTH} TRL/HF Trainer underneath: the optimizer steps after the backward`,
      gradientCheckpointing: `${UNSLOTH} unsloth/models/loader.py from_pretrained and unsloth/models/llama.py get_peft_model: use_gradient_checkpointing = "unsloth"`,
      chunkedLossKind: `${UNSLOTH} unsloth/models/llama.py: unsloth_fused_ce_loss picks a chunk size to bound the logits' VRAM`,
      lossChunking: `${UNSLOTH} unsloth/models/llama.py: the chunk size is chosen at run time (target_gb None); 8 chunks assumed here`,
      logitsUpcast: `${UNSLOTH} unsloth/models/llama.py: no fp32 copy of the full logits (fused kernel)`,
      alwaysDoubleQuant: `${UNSLOTH} unsloth/models/llama.py, loader.py: 4-bit loading sets bnb_4bit_use_double_quant = True`,
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
      ...HF_CHUNKED,
      logitsUpcast: true,
      alwaysDoubleQuant: false,
    },
    why: {
      masterWeights: `${LLAMA_FACTORY} src/llamafactory/model/adapter.py: unless pure_bf16 (default False, hparams/finetuning_args.py), cast_trainable_params_to_fp32 upcasts every trainable parameter to fp32 (AMP)`,
      chunkedLoss: `${LLAMA_FACTORY} src/llamafactory/hparams/model_args.py: enable_liger_kernel defaults to False`,
      packing: `${LLAMA_FACTORY} src/llamafactory/hparams/data_args.py: packing defaults to None, on only for pre-training`,
      activationOffloading: `${LLAMA_FACTORY} src/llamafactory/hparams/model_args.py: use_unsloth_gc (offloaded checkpointing) defaults to False`,
      gradientCheckpointing: `${LLAMA_FACTORY} src/llamafactory/hparams/model_args.py: disable_gradient_checkpointing defaults to False (checkpointing on)`,
      ...HF_TRAINER_WHY,
      ...HF_LOSS_WHY,
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
      ...HF_CHUNKED,
      logitsUpcast: true,
      alwaysDoubleQuant: false,
    },
    why: {
      masterWeights: `${MS_SWIFT} swift/tuner_plugin/lora_llm.py: get_peft_model with PEFT's default autocast_adapter_dtype keeps LoRA adapters in fp32`,
      chunkedLoss: `${MS_SWIFT} swift/trainers/arguments.py: use_liger_kernel defaults to False`,
      packing: `${MS_SWIFT} swift/arguments/base_args/base_args.py: packing: bool = False`,
      activationOffloading: `${MS_SWIFT} swift/trainers/arguments.py: no activation offloading by default`,
      gradientCheckpointing: `${MS_SWIFT} swift/trainers/arguments.py: gradient_checkpointing: bool = True`,
      ...HF_TRAINER_WHY,
      ...HF_LOSS_WHY,
    },
    rules: [
      {
        method: ["full"],
        settings: { masterWeights: false },
        why: {
          masterWeights: `${MS_SWIFT} swift/arguments/base_args/model_args.py: torch_dtype None takes the checkpoint's dtype (bf16) and swift/pipelines/train/tuner.py upcasts only fp16 trainable parameters, so full fine-tuning is pure bf16`,
        },
      },
    ],
  },
  // A stack the list does not name is predicted with transformers' defaults, and says so.
  other: TRANSFORMERS_DEFAULTS,
};

/** One setting and who decided it (AppliedDefault with the field typed). */
export type AppliedSetting = AppliedDefault & { field: TrainingSettingField; value: boolean };

export type ResolveTrainingInput = {
  framework?: Framework | null;
  /** Some defaults differ by method (axolotl's and ms-swift's full fine-tuning is pure bf16; LoRA adapters are fp32). */
  method?: Method | null;
  /** Some defaults differ on one GPU (torchtune's single-device full recipes, LitGPT's FSDP checkpointing). */
  gpuCount?: number | null;
} & Partial<Record<TrainingOverride | "gradientCheckpointing", boolean | null | undefined>>;

/** The framework's defaults for this method and GPU count, with where each was read. */
export function frameworkDefaultsFor(framework: Framework, method?: Method | null, gpuCount?: number | null): { label: string; settings: SettingValues; why: Record<WhyField, string> } {
  const base = FRAMEWORK_DEFAULTS[framework];
  const settings: SettingValues = { ...base.settings };
  const why: Record<WhyField, string> = { ...base.why };
  for (const rule of base.rules ?? []) {
    if (rule.method && !(method && rule.method.includes(method))) continue;
    if (rule.gpus === "single" && (gpuCount ?? 1) > 1) continue;
    if (rule.gpus === "multi" && (gpuCount ?? 1) <= 1) continue;
    Object.assign(settings, rule.settings);
    Object.assign(why, rule.why);
  }
  return { label: base.label, settings, why };
}

/** Request values win; the framework's documented defaults fill the rest; `applied` lists every setting and who decided it. */
export function resolveTraining(input: ResolveTrainingInput): { settings: TrainingSettings; applied: AppliedSetting[] } {
  const framework = input.framework ?? "transformers";
  const defaults = frameworkDefaultsFor(framework, input.method, input.gpuCount);
  const settings: TrainingSettings = { framework, ...defaults.settings };
  const applied: AppliedSetting[] = [];
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

/** The words a reasoning line or a run's "assumed" list uses for one setting, e.g. "gradient checkpointing on". */
export function describeSetting(
  field: TrainingSettingField,
  value: boolean,
  settings?: Pick<TrainingSettings, "chunkedLossKind" | "lossChunking">,
  method?: Method | null,
): string {
  switch (field) {
    case "masterWeights":
      if (method && method !== "full") return value ? "fp32 LoRA adapters and optimizer states (AMP)" : "bf16 LoRA adapters and optimizer states (pure bf16)";
      return value ? "fp32 master weights and optimizer states (AMP)" : "pure bf16 (no fp32 master weights)";
    case "chunkedLoss": {
      if (!value) return "loss over the full logits";
      const chunking = settings?.lossChunking;
      const size = !chunking ? "" : "chunks" in chunking ? ` (${chunking.chunks} chunks)` : ` (${chunking.tokensPerChunk}-token chunks)`;
      return `${settings?.chunkedLossKind === "fused" ? "fused chunked loss" : "chunked loss"}${size}`;
    }
    case "packing":
      return value ? "packed sequences" : "no packing (padded to the batch's longest)";
    case "activationOffloading":
      return value ? "activations offloaded to CPU" : "no activation offloading";
    case "torchCompile":
      return value ? "torch.compile" : "no torch.compile";
    case "optimizerInBackward":
      return value ? "optimizer step in the backward" : "optimizer step after the backward";
    case "gradientCheckpointing":
      return value ? "gradient checkpointing on" : "gradient checkpointing off";
  }
}

/** "transformers' default", "torchtune's default". */
export function defaultOf(framework: Framework): string {
  const label = FRAMEWORK_DEFAULTS[framework].label;
  return `${label}${label.endsWith("s") ? "'" : "'s"} default`;
}

/** The settings of a prediction request or training config: its framework, its overrides, its method and GPU count. */
export function trainingOf(config: ResolveTrainingInput): TrainingSettings {
  return resolveTraining(config).settings;
}
