#!/usr/bin/env python3
"""Measure peak training memory and tokens/s of real training steps on a GPU (issue 11, section 5).

Randomly initialised Llama-architecture models (no weights to download): the shapes of Llama-3.2-1B, Llama-3.2-3B
and Llama-3.1-8B from their config.json files, built with transformers' LlamaConfig/LlamaForCausalLM. For each
configuration of a grid (method full or LoRA, batch size, sequence length, LoRA rank, gradient checkpointing on or
off, eager or SDPA attention, pure bf16 or AMP with fp32 master weights), it runs WARMUP optimizer steps, resets
torch's peak counters, runs STEPS timed steps and records:

  torch.cuda.max_memory_allocated() and torch.cuda.max_memory_reserved() over the timed steps (bytes -> GB, 1e9),
  tokens/s = batch x seq x steps / wall time (torch.cuda.synchronize() around the timed loop),
  or "oom" when the configuration runs out of memory (the grid goes on).

Every row is written as one JSON line in the same fields as Tuneboard's measured benchmark rows, so that
scripts/import-measurements.mts converts the output into a seeded measured source like the published ones:

  python3 scripts/gpu/measure.py --out bench/gpu/measured-h200.jsonl            # the default grid, ~6 min on an H200
  python3 scripts/gpu/measure.py --quick --out /tmp/smoke.jsonl                 # a handful of rows, ~1 min

Needs torch with CUDA, transformers, peft and accelerate. Nothing is downloaded: the models are random, the
tokens are random integers (the loss value is meaningless; the work per step is the same as on real text).
"""
from __future__ import annotations

import argparse
import gc
import itertools
import json
import platform
import sys
import time
from dataclasses import asdict, dataclass
from typing import Iterator

# Architectures from each model's own config.json (meta-llama/Llama-3.2-1B, Llama-3.2-3B, Llama-3.1-8B): the same
# numbers as seed/catalog/models.ts's entries, whose citations name the files.
ARCHITECTURES = {
    "llama-3.2-1b": dict(hidden_size=2048, intermediate_size=8192, num_hidden_layers=16, num_attention_heads=32,
                         num_key_value_heads=8, head_dim=64, vocab_size=128256, tie_word_embeddings=True),
    "llama-3.2-3b": dict(hidden_size=3072, intermediate_size=8192, num_hidden_layers=28, num_attention_heads=24,
                         num_key_value_heads=8, head_dim=128, vocab_size=128256, tie_word_embeddings=True),
    "llama-3.1-8b": dict(hidden_size=4096, intermediate_size=14336, num_hidden_layers=32, num_attention_heads=32,
                         num_key_value_heads=8, head_dim=128, vocab_size=128256, tie_word_embeddings=False),
}
MODEL_NAMES = {"llama-3.2-1b": "Llama-3.2-1B", "llama-3.2-3b": "Llama-3.2-3B", "llama-3.1-8b": "Llama-3.1-8B"}
ALL_LINEAR = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass(frozen=True)
class Config:
    model: str
    method: str  # full | lora
    regime: str  # bf16-pure (weights, grads, AdamW states in bf16) | amp (fp32 weights + bf16 autocast)
    batch_size: int
    seq_len: int
    rank: int | None
    grad_checkpointing: bool
    attention: str  # eager | sdpa


def grid(quick: bool) -> Iterator[Config]:
    """The configurations measured. Sized so that the default grid runs in a few minutes on one H200."""
    if quick:
        yield Config("llama-3.2-1b", "lora", "bf16-pure", 2, 512, 16, False, "sdpa")
        yield Config("llama-3.2-1b", "full", "bf16-pure", 2, 512, None, False, "sdpa")
        yield Config("llama-3.2-1b", "lora", "bf16-pure", 2, 512, 16, True, "eager")
        return
    for model, method, batch, seq, ckpt, attn in itertools.product(
        ["llama-3.2-1b", "llama-3.2-3b", "llama-3.1-8b"], ["full", "lora"], [1, 4], [512, 2048], [False, True], ["sdpa", "eager"]
    ):
        # Eager attention's s^2 scores only matter at long sequences: measure it there, and with batch 1 only.
        if attn == "eager" and (seq < 2048 or batch > 1):
            continue
        yield Config(model, method, "bf16-pure", batch, seq, 16 if method == "lora" else None, ckpt, attn)
    # LoRA rank sweep and the AMP regime (fp32 master weights and fp32 Adam states) on the 1B and 3B shapes.
    for model, rank in itertools.product(["llama-3.2-1b", "llama-3.2-3b"], [8, 64, 256]):
        yield Config(model, "lora", "bf16-pure", 4, 1024, rank, False, "sdpa")
    for model, method in itertools.product(["llama-3.2-1b", "llama-3.2-3b"], ["full", "lora"]):
        yield Config(model, method, "amp", 4, 1024, 16 if method == "lora" else None, False, "sdpa")


def measure(config: Config, steps: int, warmup: int, device_name: str) -> dict:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    arch = ARCHITECTURES[config.model]
    hf_config = LlamaConfig(**arch, attn_implementation=config.attention, max_position_embeddings=max(8192, config.seq_len))
    dtype = torch.bfloat16 if config.regime == "bf16-pure" else torch.float32
    row = base_row(config, device_name)
    model = None
    optimizer = None
    try:
        with torch.device("cuda"):
            model = LlamaForCausalLM(hf_config).to(dtype)
        if config.method == "lora":
            from peft import LoraConfig, get_peft_model

            model = get_peft_model(model, LoraConfig(r=config.rank, lora_alpha=2 * config.rank, lora_dropout=0.0, target_modules=ALL_LINEAR))
        if config.grad_checkpointing:
            model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
            if config.method == "lora":
                model.enable_input_require_grads()
        model.config.use_cache = False
        model.train()
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=1e-5, fused=True)
        ids = torch.randint(0, arch["vocab_size"], (config.batch_size, config.seq_len), device="cuda")

        def step() -> None:
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=config.regime == "amp"):
                loss = model(input_ids=ids, labels=ids).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)

        for _ in range(warmup):
            step()
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        start = time.perf_counter()
        for _ in range(steps):
            step()
        torch.cuda.synchronize()
        seconds = time.perf_counter() - start
        row.update(
            peak_memory_gb=round(torch.cuda.max_memory_allocated() / 1e9, 3),
            peak_memory_reserved_gb=round(torch.cuda.max_memory_reserved() / 1e9, 3),
            throughput_value=round(config.batch_size * config.seq_len * steps / seconds, 1),
            throughput_unit="tokens/s per GPU",
            trainable_params=sum(p.numel() for p in params),
            total_params=sum(p.numel() for p in model.parameters()),
        )
    except torch.cuda.OutOfMemoryError:
        row.update(oom=True)
    finally:
        del model, optimizer
        gc.collect()
        torch.cuda.empty_cache()
    return row


def base_row(config: Config, device_name: str) -> dict:
    """A row in the fields of the published measurements (see scripts/import-measurements.mts)."""
    regime = "pure bf16 (weights, gradients and AdamW states in bf16)" if config.regime == "bf16-pure" else "mixed precision (fp32 master weights and AdamW states, bf16 autocast)"
    return {
        "source": "tuneboard scripts/gpu/measure.py",
        "kind": "measured",
        "model": MODEL_NAMES[config.model],
        "model_id": config.model,
        "method": config.method,
        "rank": config.rank,
        "alpha": 2 * config.rank if config.rank else None,
        "target_modules": ALL_LINEAR if config.method == "lora" else None,
        "quant": None,
        "precision": regime,
        "master_weights": config.regime == "amp",
        "batch_size": config.batch_size,
        "grad_accum": 1,
        "seq_len": config.seq_len,
        "seq_len_kind": "fixed",
        "grad_checkpointing": config.grad_checkpointing,
        "attention": config.attention,
        "optimizer": "AdamW (torch, fused)",
        "hardware": device_name,
        "gpus": 1,
        "framework": "transformers + peft (plain training loop)",
        "memory_unit": "GB",
        "memory_metric": "torch.cuda.max_memory_allocated",
        "memory_scope": "per_gpu",
        "oom": False,
        "peak_memory_is_upper_bound": False,
        "peak_memory_gb": None,
        "peak_memory_reserved_gb": None,
        "throughput_value": None,
        "throughput_unit": None,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="JSONL file to write (one row per configuration)")
    parser.add_argument("--quick", action="store_true", help="a handful of configurations, to check the set-up")
    parser.add_argument("--steps", type=int, default=5, help="timed optimizer steps per configuration")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first (allocator and kernel warm-up)")
    args = parser.parse_args(argv)

    import torch

    if not torch.cuda.is_available():
        print("no CUDA device: this script measures GPU memory and speed, it cannot run here", file=sys.stderr)
        return 2
    import peft
    import transformers

    device_name = torch.cuda.get_device_name(0)
    environment = {
        "device": device_name, "torch": torch.__version__, "cuda": torch.version.cuda, "transformers": transformers.__version__,
        "peft": peft.__version__, "python": platform.python_version(),
    }
    print(json.dumps({"environment": environment}), flush=True)
    configs = list(grid(args.quick))
    with open(args.out, "w") as out:
        for index, config in enumerate(configs, 1):
            started = time.perf_counter()
            row = measure(config, args.steps, args.warmup, device_name)
            row["notes"] = f"Measured by scripts/gpu/measure.py ({json.dumps(environment)}); {args.warmup} warm-up + {args.steps} timed steps; random weights and tokens."
            out.write(json.dumps(row) + "\n")
            out.flush()
            summary = "OOM" if row["oom"] else f"{row['peak_memory_gb']} GB alloc, {row['peak_memory_reserved_gb']} GB reserved, {row['throughput_value']} tok/s"
            print(f"[{index}/{len(configs)}] {asdict(config)} -> {summary} ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
