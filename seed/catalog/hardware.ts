// GPU catalog. Tensor throughput is DENSE (no 2:4 sparsity) with FP32 accumulate: NVIDIA's datasheets print
// "dense | sparse" pairs or mark the sparse figure with an asterisk, and the number kept here is the dense one.
// GeForce cards run FP16/BF16 tensor math with FP32 accumulate at half the FP16-accumulate rate; the FP32-
// accumulate figure (what mixed-precision training uses) is the one kept. Where NVIDIA publishes no table for a
// card (RTX 3060, RTX 3090 Ti, RTX 4060, RTX 4070 Ti, RTX 5090, A10G) the figure is derived with the whitepapers' own method (SMs x boost clock x
// dense FLOP per SM per clock) and specSource says so.
//
// Prices are typical on-demand prices for ONE GPU in USD/hour; for multi-GPU instances the instance price is
// divided by the GPU count. Prices move often: priceSource names the provider, the offer and when the list was
// read, and says "approximate" where the figure is a marketplace typical value or was not re-checked.

import type { HardwareSeed } from "../types";

export const hardware: HardwareSeed[] = [
  // ---------------------------------------------------------------- Consumer (GeForce)
  {
    id: "rtx-3060",
    name: "GeForce RTX 3060 12GB",
    vendor: "NVIDIA",
    memoryGb: 12,
    bf16DenseTflops: 25.5,
    fp16DenseTflops: 25.5,
    memoryBandwidthGbs: 360,
    hourlyPriceUsd: 0.08,
    priceSource:
      "Vast.ai GPU marketplace, typical on-demand offer for 1x RTX 3060 12GB, 2026; approximate (host-set prices " +
      "that move daily; no dated snapshot was available to check this card's median).",
    specSource:
      "Derived with the method of NVIDIA's Ampere GA102 whitepaper (NVIDIA publishes no table for GA106): GeForce " +
      "GA10x SMs do 512 dense FP16/BF16 tensor FLOP per clock with FP32 accumulate, 28 SMs x 1.777 GHz boost x 512 = " +
      "25.5 TFLOPS. Memory: 12 GB GDDR6, 192-bit at 15 Gbps = 360 GB/s (NVIDIA GeForce RTX 3060 product " +
      "specifications).",
    aliases: ["RTX 3060", "3060", "RTX 3060 12GB", "GeForce RTX 3060"],
  },
  {
    id: "rtx-3080",
    name: "GeForce RTX 3080 10GB",
    vendor: "NVIDIA",
    memoryGb: 10,
    bf16DenseTflops: 59.5,
    fp16DenseTflops: 59.5,
    memoryBandwidthGbs: 760,
    hourlyPriceUsd: 0.12,
    priceSource:
      "Vast.ai GPU marketplace, typical on-demand offer for 1x RTX 3080 10GB, 2026; approximate (host-set prices " +
      "that move daily; no dated snapshot was available to check this card's median).",
    specSource:
      "NVIDIA Ampere GA102 GPU Architecture whitepaper, GeForce RTX 3080 column: Peak FP16 and BF16 Tensor TFLOPS " +
      "with FP32 Accumulate 59.5 (119 with sparsity); memory 10 GB GDDR6X, 320-bit at 19 Gbps = 760 GB/s.",
    aliases: ["RTX 3080", "3080", "RTX 3080 10GB", "GeForce RTX 3080"],
  },
  {
    id: "rtx-3090",
    name: "GeForce RTX 3090",
    vendor: "NVIDIA",
    memoryGb: 24,
    bf16DenseTflops: 71,
    fp16DenseTflops: 71,
    memoryBandwidthGbs: 936,
    hourlyPriceUsd: 0.22,
    priceSource:
      "RunPod Community Cloud, 1x RTX 3090 24GB pod, 2026 (about $0.22/hr; Vast.ai offers sit around " +
      "$0.20-0.30/hr); approximate.",
    specSource:
      "NVIDIA Ampere GA102 GPU Architecture whitepaper, GeForce RTX 3090 column: Peak FP16 and BF16 Tensor TFLOPS " +
      "with FP32 Accumulate 71 (142 with sparsity); memory 24 GB GDDR6X, 384-bit at 19.5 Gbps = 936 GB/s.",
    aliases: ["RTX 3090", "3090", "RTX 3090 24GB", "GeForce RTX 3090"],
  },
  {
    id: "rtx-3090-ti",
    name: "GeForce RTX 3090 Ti",
    vendor: "NVIDIA",
    memoryGb: 24,
    bf16DenseTflops: 80,
    fp16DenseTflops: 80,
    memoryBandwidthGbs: 1008,
    hourlyPriceUsd: 0.27,
    priceSource:
      "Vast.ai GPU marketplace, typical on-demand offer for 1x RTX 3090 Ti 24GB, 2026; approximate (host-set prices " +
      "that move daily; no dated snapshot was available to check this card's median).",
    specSource:
      "Derived with the method of NVIDIA's Ampere GA102 whitepaper (the card came after it and is not tabulated): " +
      "GeForce GA10x SMs do 512 dense FP16/BF16 tensor FLOP per clock with FP32 accumulate, 84 SMs x 1.86 GHz boost x " +
      "512 = 80.0 TFLOPS (the same method gives the whitepaper's 71 for the RTX 3090: 82 x 1.695 x 512). Memory: 24 GB " +
      "GDDR6X, 384-bit at 21 Gbps = 1008 GB/s (NVIDIA GeForce RTX 3090 Ti product specifications).",
    aliases: ["RTX 3090 Ti", "3090 Ti", "RTX 3090 Ti 24GB", "GeForce RTX 3090 Ti"],
  },
  {
    id: "rtx-4060",
    name: "GeForce RTX 4060 8GB",
    vendor: "NVIDIA",
    memoryGb: 8,
    bf16DenseTflops: 30.2,
    fp16DenseTflops: 30.2,
    memoryBandwidthGbs: 272,
    hourlyPriceUsd: 0.1,
    priceSource:
      "Vast.ai GPU marketplace, typical on-demand offer for 1x RTX 4060-class card, 2026; approximate (few listings " +
      "of the 8 GB card; host-set prices that move daily).",
    specSource:
      "Derived with the method of NVIDIA's Ada GPU Architecture whitepaper (its appendix tabulates only the RTX 4090 " +
      "and 4080): GeForce Ada SMs do 512 dense FP16/BF16 tensor FLOP per clock with FP32 accumulate, 24 SMs x " +
      "2.46 GHz boost x 512 = 30.2 TFLOPS (consistent with NVIDIA's 242 AI TOPS = FP8 sparse for the RTX 4060). " +
      "Memory: 8 GB GDDR6, 128-bit at 17 Gbps = 272 GB/s (NVIDIA GeForce RTX 4060 product specifications).",
    aliases: ["RTX 4060", "4060", "RTX 4060 8GB", "GeForce RTX 4060"],
  },
  {
    id: "rtx-4070-ti",
    name: "GeForce RTX 4070 Ti 12GB",
    vendor: "NVIDIA",
    memoryGb: 12,
    bf16DenseTflops: 80.2,
    fp16DenseTflops: 80.2,
    memoryBandwidthGbs: 504,
    hourlyPriceUsd: 0.15,
    priceSource:
      "Vast.ai GPU marketplace, typical on-demand offer for 1x RTX 4070 Ti 12GB, 2026; approximate (host-set prices " +
      "that move daily; no dated snapshot was available to check this card's median).",
    specSource:
      "Derived with the method of NVIDIA's Ada GPU Architecture whitepaper (its appendix tabulates the RTX 4090 and " +
      "4080): GeForce Ada SMs do 512 dense FP16/BF16 tensor FLOP per clock with FP32 accumulate, 60 SMs (7,680 CUDA " +
      "cores) x 2.61 GHz boost x 512 = 80.2 TFLOPS. Memory: 12 GB GDDR6X, 192-bit at 21 Gbps = 504 GB/s (NVIDIA " +
      "GeForce RTX 4070 Ti product specifications).",
    aliases: ["RTX 4070 Ti", "4070 Ti", "RTX 4070 Ti 12GB", "GeForce RTX 4070 Ti"],
  },
  {
    id: "rtx-4080",
    name: "GeForce RTX 4080 16GB",
    vendor: "NVIDIA",
    memoryGb: 16,
    bf16DenseTflops: 97.5,
    fp16DenseTflops: 97.5,
    memoryBandwidthGbs: 716.8,
    hourlyPriceUsd: 0.22,
    priceSource:
      "Vast.ai GPU marketplace, typical on-demand offer for 1x RTX 4080 16GB, 2026; approximate (host-set prices " +
      "that move daily; no dated snapshot was available to check this card's median).",
    specSource:
      "NVIDIA Ada GPU Architecture whitepaper, Appendix A (GeForce RTX 4080 16GB): Peak FP16 and BF16 Tensor TFLOPS " +
      "with FP32 Accumulate 97.5 (194.9 with sparsity); 76 SMs x 2.505 GHz boost x 512 = 97.5. Memory 16 GB GDDR6X, " +
      "256-bit at 22.4 Gbps = 716.8 GB/s.",
    aliases: ["RTX 4080", "4080", "RTX 4080 16GB", "GeForce RTX 4080"],
  },
  {
    id: "rtx-4090",
    name: "GeForce RTX 4090",
    vendor: "NVIDIA",
    memoryGb: 24,
    bf16DenseTflops: 165.2,
    fp16DenseTflops: 165.2,
    memoryBandwidthGbs: 1008,
    hourlyPriceUsd: 0.34,
    priceSource:
      "RunPod Community Cloud, 1x RTX 4090 24GB pod, 2026 (about $0.34/hr; Vast.ai offers range roughly " +
      "$0.30-0.45/hr); approximate.",
    specSource:
      "NVIDIA Ada GPU Architecture whitepaper, Appendix A (GeForce RTX 4090): Peak FP16 and BF16 Tensor TFLOPS with " +
      "FP32 Accumulate 165.2 (330.4 with sparsity); memory 24 GB GDDR6X, 384-bit at 21 Gbps = 1008 GB/s.",
    aliases: ["RTX 4090", "4090", "RTX 4090 24GB", "GeForce RTX 4090"],
  },
  {
    id: "rtx-5090",
    name: "GeForce RTX 5090",
    vendor: "NVIDIA",
    memoryGb: 32,
    bf16DenseTflops: 209.5,
    fp16DenseTflops: 209.5,
    memoryBandwidthGbs: 1792,
    hourlyPriceUsd: 0.7,
    priceSource:
      "Vast.ai GPU marketplace, typical on-demand offer for 1x RTX 5090 32GB, 2026; approximate (host-set prices " +
      "that move daily; no dated snapshot was available to check this card's median).",
    specSource:
      "Derived with the method of NVIDIA's Ada and RTX Blackwell whitepapers: GeForce SMs do 512 dense FP16/BF16 " +
      "tensor FLOP per clock with FP32 accumulate, 170 SMs (21,760 CUDA cores) x 2.407 GHz boost x 512 = 209.5 TFLOPS. " +
      "Memory: 32 GB GDDR7, 512-bit at 28 Gbps = 1792 GB/s (NVIDIA GeForce RTX 5090 product specifications).",
    aliases: ["RTX 5090", "5090", "RTX 5090 32GB", "GeForce RTX 5090"],
  },

  // ---------------------------------------------------------------- Workstation
  {
    id: "a6000",
    name: "NVIDIA RTX A6000 48GB",
    vendor: "NVIDIA",
    memoryGb: 48,
    bf16DenseTflops: 154.8,
    fp16DenseTflops: 154.8,
    memoryBandwidthGbs: 768,
    hourlyPriceUsd: 1.09,
    priceSource:
      "Lambda on-demand GPU cloud price list (instances page), '4x NVIDIA A6000' at $1.09 per GPU per hour, as read " +
      "2026-09-20; approximate (other GPU clouds list the A6000 at roughly $0.50-0.80/hr).",
    specSource:
      "NVIDIA Ampere GA102 GPU Architecture whitepaper v2, RTX A6000 column: Peak FP16 and BF16 Tensor TFLOPS with " +
      "FP32 Accumulate 154.8 (309.7 with sparsity; professional GA102 cards run FP32 accumulate at full rate); " +
      "NVIDIA RTX A6000 datasheet: 48 GB GDDR6 with ECC, 768 GB/s.",
    aliases: ["A6000 48GB", "A6000", "RTX A6000"],
  },

  // ---------------------------------------------------------------- Data centre
  {
    id: "v100-16gb",
    name: "NVIDIA Tesla V100 SXM2 16GB",
    vendor: "NVIDIA",
    memoryGb: 16,
    bf16DenseTflops: null,
    fp16DenseTflops: 125,
    memoryBandwidthGbs: 900,
    hourlyPriceUsd: 3.06,
    priceSource:
      "AWS EC2 on-demand price list, p3.2xlarge (1x V100 16GB), us-east-1 Linux, $3.06/hr (long-standing list " +
      "price); approximate, not re-checked against a dated snapshot.",
    specSource:
      "NVIDIA Tesla V100 GPU datasheet (V100 SXM2 column): Tensor Performance (mixed-precision FP16/FP32) 125 TFLOPS; " +
      "16 GB HBM2, 900 GB/s. Volta tensor cores have no BF16 support and no sparsity mode, so the figure is dense.",
    aliases: ["V100", "V100 16GB", "Tesla V100", "V100 SXM2 16GB", "V100-SXM2-16GB"],
  },
  {
    id: "v100-32gb",
    name: "NVIDIA Tesla V100 SXM2 32GB",
    vendor: "NVIDIA",
    memoryGb: 32,
    bf16DenseTflops: null,
    fp16DenseTflops: 125,
    memoryBandwidthGbs: 900,
    hourlyPriceUsd: 3.9,
    priceSource:
      "AWS EC2 on-demand price list, p3dn.24xlarge (8x V100 32GB), us-east-1 Linux, $31.212/hr / 8 = $3.90 per GPU " +
      "(long-standing list price); approximate, not re-checked against a dated snapshot.",
    specSource:
      "NVIDIA Tesla V100 GPU datasheet (V100 SXM2 column, 32 GB option): Tensor Performance (mixed-precision " +
      "FP16/FP32) 125 TFLOPS; 32 GB HBM2, 900 GB/s. No BF16 on Volta.",
    aliases: ["V100 32GB", "V100 SXM2 32GB", "V100-SXM2-32GB", "Tesla V100 32GB"],
  },
  {
    id: "a100-40gb",
    name: "NVIDIA A100 SXM4 40GB",
    vendor: "NVIDIA",
    memoryGb: 40,
    bf16DenseTflops: 312,
    fp16DenseTflops: 312,
    memoryBandwidthGbs: 1555,
    hourlyPriceUsd: 1.99,
    priceSource:
      "Lambda on-demand GPU cloud price list, '8x NVIDIA A100 SXM 40 GB' at $1.99 per GPU per hour, as read " +
      "2026-09-20 (AWS p4d.24xlarge: $21.96/hr / 8 = $2.74 per GPU, us-east-1, Nov 2026); approximate.",
    specSource:
      "NVIDIA A100 Tensor Core GPU datasheet (A100 40GB SXM column): BF16 and FP16 Tensor Core 312 TFLOPS " +
      "(624 with sparsity); 40 GB HBM2, 1,555 GB/s.",
    aliases: ["A100 40GB", "A100-40GB", "A100 SXM4 40GB"],
  },
  {
    id: "a100-80gb",
    name: "NVIDIA A100 SXM4 80GB",
    vendor: "NVIDIA",
    memoryGb: 80,
    bf16DenseTflops: 312,
    fp16DenseTflops: 312,
    memoryBandwidthGbs: 2039,
    hourlyPriceUsd: 2.79,
    priceSource:
      "Lambda on-demand GPU cloud price list, '8x NVIDIA A100 SXM 80 GB' at $2.79 per GPU per hour, as read " +
      "2026-09-20 (AWS p4de.24xlarge: $27.45/hr / 8 = $3.43 per GPU, us-east-1, Nov 2026); approximate.",
    specSource:
      "NVIDIA A100 Tensor Core GPU datasheet (A100 80GB SXM column): BF16 and FP16 Tensor Core 312 TFLOPS " +
      "(624 with sparsity); 80 GB HBM2e, 2,039 GB/s.",
    aliases: ["A100 80GB", "A100", "A100-80GB", "A100 SXM4 80GB"],
  },
  {
    id: "h100-80gb",
    name: "NVIDIA H100 SXM5 80GB",
    vendor: "NVIDIA",
    memoryGb: 80,
    bf16DenseTflops: 989.5,
    fp16DenseTflops: 989.5,
    memoryBandwidthGbs: 3350,
    hourlyPriceUsd: 3.99,
    priceSource:
      "Lambda on-demand GPU cloud price list, '8x NVIDIA H100 SXM' at $3.99 per GPU per hour, as read 2026-09-20 " +
      "(AWS p5.48xlarge: $55.04/hr / 8 = $6.88 per GPU, us-east-1, Nov 2026; RunPod H100 SXM $2.69-3.99/hr); " +
      "approximate.",
    specSource:
      "NVIDIA H100 Tensor Core GPU datasheet (H100 SXM column): BF16 and FP16 Tensor Core 1,979 TFLOPS with " +
      "sparsity, so 989.5 dense; 80 GB HBM3, 3.35 TB/s.",
    aliases: ["H100", "H100 80GB", "H100 SXM", "H100 SXM5"],
  },
  {
    id: "h100-pcie",
    name: "NVIDIA H100 PCIe 80GB",
    vendor: "NVIDIA",
    memoryGb: 80,
    bf16DenseTflops: 756.5,
    fp16DenseTflops: 756.5,
    memoryBandwidthGbs: 2000,
    hourlyPriceUsd: 2.49,
    priceSource:
      "Lambda on-demand GPU cloud price list, '1x NVIDIA H100 PCIe' at $2.49 per GPU per hour; approximate, not " +
      "re-checked against a dated snapshot.",
    specSource:
      "NVIDIA H100 Tensor Core GPU datasheet (H100 PCIe column): BF16 and FP16 Tensor Core 1,513 TFLOPS with " +
      "sparsity, so 756.5 dense; 80 GB HBM2e, 2 TB/s.",
    aliases: ["H100 PCIe", "H100 PCIe 80GB", "H100-PCIE-80GB"],
  },
  {
    id: "h200",
    name: "NVIDIA H200 SXM 141GB",
    vendor: "NVIDIA",
    memoryGb: 141,
    bf16DenseTflops: 989.5,
    fp16DenseTflops: 989.5,
    memoryBandwidthGbs: 4800,
    hourlyPriceUsd: 4.59,
    priceSource:
      "RunPod pricing page, 'Pods - H200' (141 GB) at $4.59/hr for one GPU, as read 2026-10-07; approximate " +
      "(other GPU clouds list the H200 at roughly $3.50-6.00/hr).",
    specSource:
      "NVIDIA H200 Tensor Core GPU datasheet (H200 SXM column): BF16 and FP16 Tensor Core 1,979 TFLOPS with " +
      "sparsity, so 989.5 dense; 141 GB HBM3e, 4.8 TB/s.",
    aliases: ["H200", "H200 141GB", "H200 SXM"],
  },
  {
    id: "b200",
    name: "NVIDIA B200 180GB",
    vendor: "NVIDIA",
    memoryGb: 180,
    bf16DenseTflops: 2250,
    fp16DenseTflops: 2250,
    memoryBandwidthGbs: 8000,
    hourlyPriceUsd: 4.99,
    priceSource:
      "Lambda on-demand GPU cloud price list, '8x NVIDIA B200 SXM6' at $4.99 per GPU per hour; approximate, not " +
      "re-checked against a dated snapshot.",
    specSource:
      "NVIDIA HGX B200 datasheet (8-GPU system): FP16/BF16 Tensor Core 36 PFLOPS with sparsity, so 4.5 per GPU with " +
      "sparsity and 2,250 TFLOPS dense; 1,440 GB HBM3e and 64 TB/s in all, so 180 GB and 8 TB/s per GPU (NVIDIA DGX " +
      "B200 datasheet: 1,440 GB total GPU memory).",
    aliases: ["B200", "B200 180GB", "HGX B200"],
  },
  {
    id: "l40s",
    name: "NVIDIA L40S",
    vendor: "NVIDIA",
    memoryGb: 48,
    bf16DenseTflops: 362.05,
    fp16DenseTflops: 362.05,
    memoryBandwidthGbs: 864,
    hourlyPriceUsd: 1.861,
    priceSource:
      "AWS EC2 on-demand price list, g6e.xlarge (1x L40S), us-east-1 Linux, $1.861/hr (list price 2024-2026); " +
      "approximate, not re-checked against a dated snapshot.",
    specSource:
      "NVIDIA L40S GPU datasheet: Peak BF16 and FP16 Tensor TFLOPS with FP32 Accumulate 362.05 (733 with " +
      "sparsity); 48 GB GDDR6 with ECC, 864 GB/s.",
    aliases: ["L40S", "L40S 48GB"],
  },
  {
    id: "a40",
    name: "NVIDIA A40",
    vendor: "NVIDIA",
    memoryGb: 48,
    bf16DenseTflops: 149.7,
    fp16DenseTflops: 149.7,
    memoryBandwidthGbs: 696,
    hourlyPriceUsd: 0.4,
    priceSource:
      "RunPod, 1x A40 48GB pod, 2026 (about $0.40/hr; other GPU clouds list it at roughly $0.35-0.70/hr); " +
      "approximate.",
    specSource:
      "NVIDIA A40 datasheet: Peak BF16 and FP16 Tensor TFLOPS 149.7 (299.4 with sparsity); 48 GB GDDR6 with ECC, " +
      "696 GB/s.",
    aliases: ["A40", "A40 48GB"],
  },
  {
    id: "l4",
    name: "NVIDIA L4",
    vendor: "NVIDIA",
    memoryGb: 24,
    bf16DenseTflops: 121,
    fp16DenseTflops: 121,
    memoryBandwidthGbs: 300,
    hourlyPriceUsd: 0.805,
    priceSource:
      "AWS EC2 on-demand price list, g6.xlarge (1x L4), us-east-1 Linux, $0.8048/hr; approximate, not re-checked " +
      "against a dated snapshot.",
    specSource:
      "NVIDIA L4 Tensor Core GPU datasheet: BF16 and FP16 Tensor Core 242 TFLOPS with sparsity, so 121 dense; " +
      "24 GB GDDR6, 300 GB/s.",
    aliases: ["L4", "L4 24GB"],
  },
  {
    id: "a10g",
    name: "NVIDIA A10G",
    vendor: "NVIDIA",
    memoryGb: 24,
    bf16DenseTflops: 70,
    fp16DenseTflops: 70,
    memoryBandwidthGbs: 600,
    hourlyPriceUsd: 1.006,
    priceSource: "AWS EC2 on-demand price list, g5.xlarge (1x A10G), us-east-1 Linux, $1.006/hr, June 2026.",
    specSource:
      "The A10G is an AWS-only variant of the A10 with no NVIDIA datasheet. Memory from the AWS EC2 G5 instance page " +
      "(24 GB GDDR6) and the NVIDIA A10 datasheet (600 GB/s, shared by both cards). Tensor figure about 70 TFLOPS " +
      "dense FP16/BF16 as commonly reported for the A10G (e.g. Baseten's A10 vs A10G comparison; 80 SMs x 1.71 GHz x " +
      "512 FLOP/clk = 70); the A10's own datasheet figure is 125.",
    aliases: ["A10G", "A10G 24GB"],
  },
  {
    id: "t4",
    name: "NVIDIA T4",
    vendor: "NVIDIA",
    memoryGb: 16,
    bf16DenseTflops: null,
    fp16DenseTflops: 65,
    memoryBandwidthGbs: 320,
    hourlyPriceUsd: 0.526,
    priceSource:
      "AWS EC2 on-demand price list, g4dn.xlarge (1x T4), us-east-1 Linux, $0.526/hr (long-standing list price); " +
      "approximate, not re-checked against a dated snapshot.",
    specSource:
      "NVIDIA T4 Tensor Core GPU datasheet: Mixed Precision (FP16/FP32) 65 TFLOPS; 16 GB GDDR6, 320 GB/s. Turing " +
      "tensor cores have no BF16 support.",
    aliases: ["T4", "Tesla T4", "T4 16GB"],
  },
];
