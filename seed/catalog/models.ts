// Base-model catalog: architecture fields exactly as each checkpoint's config.json states them, and the
// exact parameter count of the checkpoint. tests/unit/seed-catalog.test.ts recomputes every count from
// the architecture fields, so a mistyped field makes the test fail.
//
// totalParams counts the model's parameters (what `sum(p.numel() for p in model.parameters())` gives in
// transformers). It leaves out non-parameter buffers: the Llama-2 *-hf safetensors files also store one
// `rotary_emb.inv_freq` buffer (head_dim / 2 = 64 floats) per layer, so the Hub's safetensors total for
// those repositories is 64 x numLayers higher than the parameter count given here.

import type { ModelSeed } from "../types";

export const models: ModelSeed[] = [
  // ---------------------------------------------------------------- Llama 2
  {
    id: "llama-2-7b",
    hfId: "meta-llama/Llama-2-7b-hf",
    name: "Llama 2 7B",
    family: "llama-2",
    hiddenSize: 4096,
    intermediateSize: 11008,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 32,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 6_738_415_616,
    notes:
      "Multi-head attention (32 KV heads), SwiGLU MLP, RMSNorm, untied lm_head. The Hub's safetensors total " +
      "(6,738,417,664) is 2,048 higher because the checkpoint also stores 32 x 64 rotary inv_freq buffers, " +
      "which are not parameters.",
    citation:
      "config.json of meta-llama/Llama-2-7b-hf on the Hugging Face Hub (hidden_size 4096, intermediate_size 11008, " +
      "num_hidden_layers 32, num_attention_heads 32, num_key_value_heads 32, vocab_size 32000, tie_word_embeddings " +
      "false); parameter count from the model's parameters (6,738,415,616), consistent with the 7B row of Table 1 of " +
      "Touvron et al. 2023, 'Llama 2: Open Foundation and Fine-Tuned Chat Models'.",
  },
  {
    id: "llama-2-13b",
    hfId: "meta-llama/Llama-2-13b-hf",
    name: "Llama 2 13B",
    family: "llama-2",
    hiddenSize: 5120,
    intermediateSize: 13824,
    numLayers: 40,
    numAttentionHeads: 40,
    numKeyValueHeads: 40,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 13_015_864_320,
    notes:
      "Multi-head attention (40 KV heads). The Hub's safetensors total (13,015,866,880) is 2,560 higher because of " +
      "40 x 64 stored rotary inv_freq buffers, which are not parameters.",
    citation:
      "config.json of meta-llama/Llama-2-13b-hf on the Hugging Face Hub (hidden_size 5120, intermediate_size 13824, " +
      "40 layers, 40 heads, 40 KV heads, vocab_size 32000, untied); parameter count 13,015,864,320 from the model's " +
      "parameters.",
  },
  {
    id: "llama-2-70b",
    hfId: "meta-llama/Llama-2-70b-hf",
    name: "Llama 2 70B",
    family: "llama-2",
    hiddenSize: 8192,
    intermediateSize: 28672,
    numLayers: 80,
    numAttentionHeads: 64,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 68_976_648_192,
    notes:
      "Grouped-query attention: 64 query heads share 8 KV heads, so k_proj and v_proj are 8192 x 1024. The Hub's " +
      "safetensors total (68,976,653,312) is 5,120 higher because of 80 x 64 stored rotary inv_freq buffers.",
    citation:
      "config.json of meta-llama/Llama-2-70b-hf on the Hugging Face Hub (hidden_size 8192, intermediate_size 28672, " +
      "80 layers, 64 heads, 8 KV heads, vocab_size 32000, untied); parameter count 68,976,648,192 from the model's " +
      "parameters.",
  },

  // ---------------------------------------------------------------- Llama 3.1 / 3.2
  {
    id: "llama-3.1-8b",
    hfId: "meta-llama/Llama-3.1-8B",
    name: "Llama 3.1 8B",
    family: "llama-3",
    hiddenSize: 4096,
    intermediateSize: 14336,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 8_030_261_248,
    notes: "GQA (32 query heads, 8 KV heads), 128K-token vocabulary, untied lm_head, llama3 RoPE scaling (no parameters).",
    citation:
      "config.json of meta-llama/Llama-3.1-8B on the Hugging Face Hub (hidden_size 4096, intermediate_size 14336, " +
      "32 layers, 32 heads, 8 KV heads, vocab_size 128256, tie_word_embeddings false); parameter count 8,030,261,248 " +
      "from the Hub's safetensors parameter count (BF16).",
  },
  {
    id: "llama-3.1-70b",
    hfId: "meta-llama/Llama-3.1-70B",
    name: "Llama 3.1 70B",
    family: "llama-3",
    hiddenSize: 8192,
    intermediateSize: 28672,
    numLayers: 80,
    numAttentionHeads: 64,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 70_553_706_496,
    notes: "Same trunk as Llama 2 70B (8192 hidden, 28672 MLP, 80 layers, GQA 64/8) with the 128,256-token vocabulary.",
    citation:
      "config.json of meta-llama/Llama-3.1-70B on the Hugging Face Hub (hidden_size 8192, intermediate_size 28672, " +
      "80 layers, 64 heads, 8 KV heads, vocab_size 128256, untied); parameter count 70,553,706,496 from the Hub's " +
      "safetensors parameter count.",
  },
  {
    id: "llama-3.2-1b",
    hfId: "meta-llama/Llama-3.2-1B",
    name: "Llama 3.2 1B",
    family: "llama-3",
    hiddenSize: 2048,
    intermediateSize: 8192,
    numLayers: 16,
    numAttentionHeads: 32,
    numKeyValueHeads: 8,
    headDim: 64,
    vocabSize: 128256,
    tiedEmbeddings: true,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 1_235_814_400,
    notes:
      "Tied input/output embeddings (tie_word_embeddings true), so the 128256 x 2048 embedding is counted once. " +
      "head_dim 64 (= 2048 / 32).",
    citation:
      "config.json of meta-llama/Llama-3.2-1B on the Hugging Face Hub (hidden_size 2048, intermediate_size 8192, " +
      "16 layers, 32 heads, 8 KV heads, head_dim 64, vocab_size 128256, tie_word_embeddings true); parameter count " +
      "1,235,814,400 from the Hub's safetensors parameter count.",
  },
  {
    id: "llama-3.2-3b",
    hfId: "meta-llama/Llama-3.2-3B",
    name: "Llama 3.2 3B",
    family: "llama-3",
    hiddenSize: 3072,
    intermediateSize: 8192,
    numLayers: 28,
    numAttentionHeads: 24,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    tiedEmbeddings: true,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 3_212_749_824,
    notes: "Tied input/output embeddings; 24 query heads and 8 KV heads of dimension 128.",
    citation:
      "config.json of meta-llama/Llama-3.2-3B on the Hugging Face Hub (hidden_size 3072, intermediate_size 8192, " +
      "28 layers, 24 heads, 8 KV heads, head_dim 128, vocab_size 128256, tie_word_embeddings true); parameter count " +
      "3,212,749,824 from the Hub's safetensors parameter count (BF16).",
  },

  // ---------------------------------------------------------------- Other families
  {
    id: "mistral-7b",
    hfId: "mistralai/Mistral-7B-v0.1",
    name: "Mistral 7B v0.1",
    family: "mistral",
    hiddenSize: 4096,
    intermediateSize: 14336,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 7_241_732_096,
    notes:
      "Llama-style decoder with GQA (32/8) and a 4096-token sliding attention window; the window changes no " +
      "parameter count.",
    citation:
      "config.json of mistralai/Mistral-7B-v0.1 on the Hugging Face Hub (hidden_size 4096, intermediate_size 14336, " +
      "32 layers, 32 heads, 8 KV heads, vocab_size 32000, untied, sliding_window 4096); parameter count 7,241,732,096 " +
      "from the Hub's safetensors parameter count.",
  },
  {
    id: "qwen2.5-7b",
    hfId: "Qwen/Qwen2.5-7B",
    name: "Qwen2.5 7B",
    family: "qwen2.5",
    hiddenSize: 3584,
    intermediateSize: 18944,
    numLayers: 28,
    numAttentionHeads: 28,
    numKeyValueHeads: 4,
    headDim: 128,
    vocabSize: 152064,
    tiedEmbeddings: false,
    attentionBias: true,
    normsPerLayer: 2,
    totalParams: 7_615_616_512,
    notes:
      "Qwen2 architecture: q_proj, k_proj and v_proj carry biases (o_proj does not), adding 3584 + 2 x 512 = 4,608 " +
      "parameters per layer. GQA 28/4. vocab_size 152064 is the padded embedding size (the tokenizer has fewer " +
      "tokens). The 7B model does not tie embeddings (the 0.5B-3B sizes do).",
    citation:
      "config.json of Qwen/Qwen2.5-7B on the Hugging Face Hub (model_type qwen2, hidden_size 3584, intermediate_size " +
      "18944, 28 layers, 28 heads, 4 KV heads, vocab_size 152064, tie_word_embeddings false); q/k/v biases from the " +
      "Qwen2 modeling code in transformers; parameter count 7,615,616,512 from the Hub's safetensors parameter count.",
  },
  {
    id: "gemma-2-9b",
    hfId: "google/gemma-2-9b",
    name: "Gemma 2 9B",
    family: "gemma-2",
    hiddenSize: 3584,
    intermediateSize: 14336,
    numLayers: 42,
    numAttentionHeads: 16,
    numKeyValueHeads: 8,
    headDim: 256,
    vocabSize: 256000,
    tiedEmbeddings: true,
    attentionBias: false,
    normsPerLayer: 4,
    totalParams: 9_241_705_984,
    notes:
      "config.json sets head_dim 256, so q_proj is 3584 x 4096 (16 x 256), wider than hidden_size. Four RMSNorm " +
      "weight vectors per layer (input, post-attention, pre-feedforward, post-feedforward). Gated GeGLU MLP " +
      "(gelu_pytorch_tanh). Embeddings tied; logit soft-capping and alternating sliding-window layers add no " +
      "parameters.",
    citation:
      "config.json of google/gemma-2-9b on the Hugging Face Hub (hidden_size 3584, intermediate_size 14336, " +
      "42 layers, 16 heads, 8 KV heads, head_dim 256, vocab_size 256000); four norms per layer from the Gemma2 " +
      "modeling code in transformers; parameter count 9,241,705,984 from the Hub's safetensors parameter count " +
      "(also the 'params' of the Keras gemma2_9b_en preset).",
  },
  {
    id: "phi-3-mini",
    hfId: "microsoft/Phi-3-mini-4k-instruct",
    name: "Phi-3 mini 4K instruct",
    family: "phi-3",
    hiddenSize: 3072,
    intermediateSize: 8192,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 32,
    headDim: 96,
    vocabSize: 32064,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 3_821_079_552,
    notes:
      "Phi-3 fuses the attention input projections into one qkv_proj (3072 -> 9216) and the MLP gate and up " +
      "projections into one gate_up_proj (3072 -> 16384), so the module names q_proj/k_proj/v_proj/gate_proj/up_proj " +
      "do not exist there (LoRA targets are qkv_proj, o_proj, gate_up_proj, down_proj). The fused matrices hold " +
      "exactly the same number of weights, so the count formula is unchanged. head_dim 96 (= 3072 / 32).",
    citation:
      "config.json of microsoft/Phi-3-mini-4k-instruct on the Hugging Face Hub (model_type phi3, hidden_size 3072, " +
      "intermediate_size 8192, 32 layers, 32 heads, 32 KV heads, vocab_size 32064, tie_word_embeddings false); " +
      "parameter count 3,821,079,552 from the Hub's safetensors parameter count (BF16).",
  },
  {
    id: "tinyllama-1.1b",
    hfId: "TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T",
    name: "TinyLlama 1.1B (3T-token base)",
    family: "tinyllama",
    hiddenSize: 2048,
    intermediateSize: 5632,
    numLayers: 22,
    numAttentionHeads: 32,
    numKeyValueHeads: 4,
    headDim: 64,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 1_100_048_384,
    notes:
      "Base checkpoint after 1431k steps / 3T tokens. TinyLlama/TinyLlama-1.1B-Chat-v1.0 is fine-tuned from it and " +
      "has the identical architecture and parameter count. Llama-2 tokenizer, GQA 32/4.",
    citation:
      "config.json of TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T on the Hugging Face Hub (hidden_size 2048, " +
      "intermediate_size 5632, 22 layers, 32 heads, 4 KV heads, vocab_size 32000, tie_word_embeddings false); " +
      "parameter count 1,100,048,384 (sum of the model's parameters; the checkpoint's safetensors metadata reports " +
      "F32 1,100,048,384).",
  },

  // ---------------------------------------------------------------- The articles' generic sizes
  {
    id: "llama-7b",
    hfId: "huggyllama/llama-7b",
    name: "7B LLaMA",
    family: "llama",
    hiddenSize: 4096,
    intermediateSize: 11008,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 32,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 6_738_415_616,
    isGeneric: true,
    notes:
      "Stands for the articles' generic '7B LLaMA'. Uses the LLaMA-1 7B architecture (huggyllama/llama-7b is a " +
      "Transformers conversion of Meta's original LLaMA 7B weights); its shape and parameter count are identical " +
      "to Llama 2 7B.",
    citation:
      "config.json of huggyllama/llama-7b on the Hugging Face Hub (hidden_size 4096, intermediate_size 11008, " +
      "32 layers, 32 heads, vocab_size 32000); Touvron et al. 2023, 'LLaMA: Open and Efficient Foundation Language " +
      "Models', Table 2 (6.7B: dimension 4096, 32 heads, 32 layers).",
  },
  {
    id: "llama-13b",
    hfId: "huggyllama/llama-13b",
    name: "13B LLaMA",
    family: "llama",
    hiddenSize: 5120,
    intermediateSize: 13824,
    numLayers: 40,
    numAttentionHeads: 40,
    numKeyValueHeads: 40,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 13_015_864_320,
    isGeneric: true,
    notes:
      "Stands for the articles' generic '13B LLaMA'. Uses the LLaMA-1 13B architecture (huggyllama/llama-13b); " +
      "shape and parameter count identical to Llama 2 13B.",
    citation:
      "config.json of huggyllama/llama-13b on the Hugging Face Hub (hidden_size 5120, intermediate_size 13824, " +
      "40 layers, 40 heads, vocab_size 32000); Touvron et al. 2023, 'LLaMA', Table 2 (13.0B: dimension 5120, " +
      "40 heads, 40 layers).",
  },
  {
    id: "llama-34b",
    hfId: "codellama/CodeLlama-34b-hf",
    name: "34B LLaMA",
    family: "llama",
    hiddenSize: 8192,
    intermediateSize: 22016,
    numLayers: 48,
    numAttentionHeads: 64,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 33_743_970_304,
    isGeneric: true,
    notes:
      "Stands for the articles' generic '34B LLaMA'. No LLaMA-1 or Llama 2 base model of 34B was ever released " +
      "(LLaMA-1 has 33B, Llama 2 34B was trained but withheld), so this uses Code Llama 34B's architecture, which is " +
      "the Llama 2 34B shape: 48 layers, GQA 64/8, 22016 MLP. Unlike Code Llama 7B/13B (vocab 32016, infilling " +
      "tokens) the 34B keeps vocab 32000; rope_theta 1e6 changes no parameter count.",
    citation:
      "config.json of codellama/CodeLlama-34b-hf on the Hugging Face Hub (hidden_size 8192, intermediate_size 22016, " +
      "48 layers, 64 heads, 8 KV heads, vocab_size 32000, untied); Rozière et al. 2023, 'Code Llama: Open Foundation " +
      "Models for Code'; parameter count 33,743,970,304 as listed for CodeLlama-34B fine-tunes in public model " +
      "catalogs (num_parameters).",
  },
  {
    id: "llama-70b",
    hfId: null,
    name: "70B LLaMA",
    family: "llama",
    hiddenSize: 8192,
    intermediateSize: 28672,
    numLayers: 80,
    numAttentionHeads: 64,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 68_976_648_192,
    isGeneric: true,
    notes:
      "Stands for the articles' generic '70B LLaMA'. Uses Llama 2 70B's architecture (LLaMA-1 stopped at 65B). " +
      "hfId is null because meta-llama/Llama-2-70b-hf already belongs to the llama-2-70b entry and hfIds are unique " +
      "across the catalog.",
    citation:
      "Same source as llama-2-70b: config.json of meta-llama/Llama-2-70b-hf on the Hugging Face Hub; parameter " +
      "count 68,976,648,192.",
  },

  // ---------------------------------------------------------------- Models of the measured benchmark tables (issue 11)
  // Config values as each checkpoint's config.json states them. The Hub was not reachable when these were written:
  // the values were read from copies of those config.json files in public repositories (loaders, test fixtures,
  // model zoos) and cross-checked with the parameter count each source prints where it prints one.
  {
    id: "qwen-1.8b",
    hfId: "Qwen/Qwen-1_8B",
    name: "Qwen (v1) 1.8B",
    family: "qwen",
    hiddenSize: 2048,
    intermediateSize: 5504,
    numLayers: 24,
    numAttentionHeads: 16,
    numKeyValueHeads: 16,
    headDim: 128,
    vocabSize: 151936,
    tiedEmbeddings: false,
    attentionBias: true,
    normsPerLayer: 2,
    totalParams: 1_836_828_672,
    notes:
      "Qwen v1 (model_type qwen, remote code). Its config states intermediate_size 11008, which is TWICE the MLP " +
      "width: w1 and w2 are each 2048 -> 5504 and c_proj is 5504 -> 2048, so the per-projection width 5504 is stored. " +
      "The fused c_attn (q, k, v) carries a bias; c_proj does not. The chat model Qwen-1_8B-Chat has the same shape. The count is computed from these fields; the Hub's safetensors total could not be read here.",
    citation:
      "config.json of Qwen/Qwen-1_8B on the Hugging Face Hub (hidden_size 2048, intermediate_size 11008, " +
      "num_hidden_layers 24, num_attention_heads 16, kv_channels 128, vocab_size 151936, no_bias true (c_attn keeps " +
      "its bias in modeling_qwen.py), tie_word_embeddings false).",
  },
  {
    id: "qwen-7b",
    hfId: "Qwen/Qwen-7B",
    name: "Qwen (v1) 7B",
    family: "qwen",
    hiddenSize: 4096,
    intermediateSize: 11008,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 32,
    headDim: 128,
    vocabSize: 151936,
    tiedEmbeddings: false,
    attentionBias: true,
    normsPerLayer: 2,
    totalParams: 7_721_324_544,
    notes:
      "Qwen v1: config intermediate_size 22016 is twice the MLP width (w1, w2: 4096 -> 11008 each; c_proj 11008 -> " +
      "4096), so 11008 is stored. c_attn has a bias. The count equals the 7721.3245M total parameters ms-swift's " +
      "Benchmark.md prints for qwen-7b-chat's full fine-tuning.",
    citation:
      "config.json of Qwen/Qwen-7B on the Hugging Face Hub (hidden_size 4096, intermediate_size 22016, " +
      "num_hidden_layers 32, num_attention_heads 32, kv_channels 128, vocab_size 151936, tie_word_embeddings false); " +
      "parameter count cross-checked with modelscope/ms-swift docs/source/LLM/Benchmark.md at 145bf083 (Tuners " +
      "table, 'trainable params(M)' of the full runs: 7721.3245).",
  },
  {
    id: "qwen-14b",
    hfId: "Qwen/Qwen-14B",
    name: "Qwen (v1) 14B",
    family: "qwen",
    hiddenSize: 5120,
    intermediateSize: 13696,
    numLayers: 40,
    numAttentionHeads: 40,
    numKeyValueHeads: 40,
    headDim: 128,
    vocabSize: 152064,
    tiedEmbeddings: false,
    attentionBias: true,
    normsPerLayer: 2,
    totalParams: 14_167_290_880,
    notes:
      "Qwen v1: config intermediate_size 27392 is twice the MLP width, so 13696 is stored. c_attn has a bias. " +
      "vocab_size 152064 (padded). The count is computed from these fields; the Hub's safetensors total could not be read here.",
    citation:
      "config.json of Qwen/Qwen-14B on the Hugging Face Hub (hidden_size 5120, intermediate_size 27392, " +
      "num_hidden_layers 40, num_attention_heads 40, kv_channels 128, vocab_size 152064, tie_word_embeddings false).",
  },
  {
    id: "qwen-72b",
    hfId: "Qwen/Qwen-72B",
    name: "Qwen (v1) 72B",
    family: "qwen",
    hiddenSize: 8192,
    intermediateSize: 24576,
    numLayers: 80,
    numAttentionHeads: 64,
    numKeyValueHeads: 64,
    headDim: 128,
    vocabSize: 152064,
    tiedEmbeddings: false,
    attentionBias: true,
    normsPerLayer: 2,
    totalParams: 72_287_920_128,
    notes:
      "Qwen v1: config intermediate_size 49152 is twice the MLP width, so 24576 is stored. Multi-head attention " +
      "(Qwen v1 has no grouped-query attention). c_attn has a bias. The count is computed from these fields (72.29B, Qwen's \"72B\"); the Hub's safetensors total could not be read here.",
    citation:
      "config.json of Qwen/Qwen-72B on the Hugging Face Hub (hidden_size 8192, intermediate_size 49152, " +
      "num_hidden_layers 80, num_attention_heads 64, kv_channels 128, vocab_size 152064, tie_word_embeddings false).",
  },
  {
    id: "chatglm3-6b",
    hfId: "THUDM/chatglm3-6b",
    name: "ChatGLM3 6B",
    family: "chatglm",
    hiddenSize: 4096,
    intermediateSize: 13696,
    numLayers: 28,
    numAttentionHeads: 32,
    numKeyValueHeads: 2,
    headDim: 128,
    vocabSize: 65024,
    tiedEmbeddings: false,
    attentionBias: true,
    normsPerLayer: 2,
    totalParams: 6_243_584_000,
    notes:
      "GLM with multi-query groups: 32 query heads share 2 KV groups (multi_query_group_num 2). The fused " +
      "query_key_value (4096 -> 4608) carries a bias (add_qkv_bias); dense_h_to_4h is the fused gate and up " +
      "projection (4096 -> 2 x 13696) of a SwiGLU MLP, dense_4h_to_h the down projection. Separate output_layer. The count is computed from these fields; the Hub's safetensors total could not be read here.",
    citation:
      "config.json of THUDM/chatglm3-6b on the Hugging Face Hub (hidden_size 4096, ffn_hidden_size 13696, num_layers " +
      "28, num_attention_heads 32, multi_query_group_num 2, kv_channels 128, padded_vocab_size 65024, add_qkv_bias " +
      "true, add_bias_linear false, tie_word_embeddings false).",
  },
  {
    id: "yi-6b",
    hfId: "01-ai/Yi-6B",
    name: "Yi 6B",
    family: "yi",
    hiddenSize: 4096,
    intermediateSize: 11008,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 4,
    headDim: 128,
    vocabSize: 64000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 6_061_035_520,
    notes: "Llama architecture with GQA (32 query heads, 4 KV heads) and a 64,000-token vocabulary. Yi-6B-Chat has the same shape. The count is computed from these fields; the Hub's safetensors total could not be read here.",
    citation:
      "config.json of 01-ai/Yi-6B on the Hugging Face Hub (hidden_size 4096, intermediate_size 11008, 32 layers, " +
      "32 heads, 4 KV heads, vocab_size 64000, tie_word_embeddings false).",
  },
  {
    id: "yi-34b",
    hfId: "01-ai/Yi-34B",
    name: "Yi 34B",
    family: "yi",
    hiddenSize: 7168,
    intermediateSize: 20480,
    numLayers: 60,
    numAttentionHeads: 56,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 64000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 34_388_917_248,
    notes: "Llama architecture with GQA (56 query heads, 8 KV heads). Yi-34B-Chat has the same shape. The count is computed from these fields; the Hub's safetensors total could not be read here.",
    citation:
      "config.json of 01-ai/Yi-34B on the Hugging Face Hub (hidden_size 7168, intermediate_size 20480, 60 layers, " +
      "56 heads, 8 KV heads, vocab_size 64000, tie_word_embeddings false).",
  },
  {
    id: "baichuan2-7b",
    hfId: "baichuan-inc/Baichuan2-7B-Base",
    name: "Baichuan2 7B",
    family: "baichuan2",
    hiddenSize: 4096,
    intermediateSize: 11008,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 32,
    headDim: 128,
    vocabSize: 125696,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 7_505_973_248,
    notes:
      "Llama-style decoder with a fused W_pack (q, k, v: 4096 -> 12288, no bias), RoPE, and a normalised output " +
      "head (NormHead: a plain vocab x hidden weight). Baichuan2-7B-Chat has the same shape. The count is computed from these fields; the Hub's safetensors total could not be read here.",
    citation:
      "config.json of baichuan-inc/Baichuan2-7B-Base on the Hugging Face Hub (model_type baichuan, hidden_size 4096, " +
      "intermediate_size 11008, num_hidden_layers 32, num_attention_heads 32, vocab_size 125696, " +
      "tie_word_embeddings false).",
  },
  {
    id: "baichuan2-13b",
    hfId: "baichuan-inc/Baichuan2-13B-Base",
    name: "Baichuan2 13B",
    family: "baichuan2",
    hiddenSize: 5120,
    intermediateSize: 13696,
    numLayers: 40,
    numAttentionHeads: 40,
    numKeyValueHeads: 40,
    headDim: 128,
    vocabSize: 125696,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 13_896_668_160,
    notes:
      "Fused W_pack (q, k, v), ALiBi position biases (no parameters), NormHead output. Baichuan2-13B-Chat has the " +
      "same shape. The count is computed from these fields; the Hub's safetensors total could not be read here.",
    citation:
      "config.json of baichuan-inc/Baichuan2-13B-Base on the Hugging Face Hub (model_type baichuan, hidden_size 5120, " +
      "intermediate_size 13696, num_hidden_layers 40, num_attention_heads 40, vocab_size 125696, " +
      "tie_word_embeddings false).",
  },
  {
    id: "llama-65b",
    hfId: "huggyllama/llama-65b",
    name: "LLaMA 65B",
    family: "llama",
    hiddenSize: 8192,
    intermediateSize: 22016,
    numLayers: 80,
    numAttentionHeads: 64,
    numKeyValueHeads: 64,
    headDim: 128,
    vocabSize: 32000,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 65_285_660_672,
    notes: "LLaMA-1 65B (multi-head attention, 64 heads), the base model of QLoRA's Guanaco 65B. The count is computed from these fields (65.29B; the LLaMA paper lists 65.2B).",
    citation:
      "config.json of huggyllama/llama-65b on the Hugging Face Hub (hidden_size 8192, intermediate_size 22016, " +
      "80 layers, 64 heads, vocab_size 32000); Touvron et al. 2023, 'LLaMA', Table 2 (65.2B: dimension 8192, 64 heads, " +
      "80 layers).",
  },
  {
    id: "llama-3-8b",
    hfId: "meta-llama/Meta-Llama-3-8B",
    name: "Llama 3 8B",
    family: "llama-3",
    hiddenSize: 4096,
    intermediateSize: 14336,
    numLayers: 32,
    numAttentionHeads: 32,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 8_030_261_248,
    notes: "Same architecture and parameter count as Llama 3.1 8B (3.1 changed only the RoPE scaling and the context length). The count equals the catalog's Llama 3.1 8B count, taken from the Hub's safetensors metadata.",
    citation:
      "config.json of meta-llama/Meta-Llama-3-8B on the Hugging Face Hub (hidden_size 4096, intermediate_size 14336, " +
      "32 layers, 32 heads, 8 KV heads, vocab_size 128256, tie_word_embeddings false).",
  },
  {
    id: "llama-3.3-70b",
    hfId: "meta-llama/Llama-3.3-70B-Instruct",
    name: "Llama 3.3 70B Instruct",
    family: "llama-3",
    hiddenSize: 8192,
    intermediateSize: 28672,
    numLayers: 80,
    numAttentionHeads: 64,
    numKeyValueHeads: 8,
    headDim: 128,
    vocabSize: 128256,
    tiedEmbeddings: false,
    attentionBias: false,
    normsPerLayer: 2,
    totalParams: 70_553_706_496,
    notes: "The Llama 3.1 70B architecture (GQA 64/8, 128K vocabulary); Llama 3.3 was released only as an instruct model. The count equals the catalog's Llama 3.1 70B count, taken from the Hub's safetensors metadata.",
    citation:
      "config.json of meta-llama/Llama-3.3-70B-Instruct on the Hugging Face Hub (hidden_size 8192, intermediate_size " +
      "28672, 80 layers, 64 heads, 8 KV heads, vocab_size 128256, tie_word_embeddings false).",
  },
];
