// The memory estimate against the memory figures the seeded articles state: the error under default assumptions,
// and which assumptions (batch, sequence, checkpointing, optimizer, rank, modules, master weights) reproduce
// each figure best. Nothing is fitted to a figure unless its configuration is fully stated; none is, so the
// estimator's constants stay the physical ones of memory.ts. GB = 1e9 bytes throughout.
import { BYTES_PER_GB, estimateMemoryBytes } from "./memory";
import type { Method, ModelArchitecture, TargetModule, TrainingConfig } from "./types";

export type MemoryClaim = {
  id: string;
  label: string;
  sourceId: string;
  quote: string;
  modelId: string;
  method: Method;
  /** Configuration the source states; everything else is searched. */
  known: Partial<Omit<TrainingConfig, "method">>;
  statedMinGb: number;
  /** null: open-ended ("84GB+"); equal to statedMinGb for a point. */
  statedMaxGb: number | null;
  /** "static": weights, gradients, optimizer states and master weights only (the source adds "plus activations"). */
  scope: "total" | "static";
};

export type AssumptionSet = {
  batchSize: number;
  seqLen: number;
  gradientCheckpointing: boolean;
  optimizer: TrainingConfig["optimizer"];
  rank: number;
  targetModules: TargetModule[];
  fp32MasterWeights: boolean;
};

/** The contract's defaults (lib/schemas/predict.ts) plus the fp32 master copy of memory.ts. */
export const DEFAULT_ASSUMPTIONS: AssumptionSet = {
  batchSize: 1,
  seqLen: 2048,
  gradientCheckpointing: false,
  optimizer: "adamw",
  rank: 16,
  targetModules: ["q_proj", "v_proj"],
  fp32MasterWeights: true,
};

export const CALIBRATION_GRID = {
  batchSize: [1, 4, 8, 16],
  seqLen: [512, 2048],
  gradientCheckpointing: [false, true],
  optimizer: ["adamw", "paged_adamw8bit"] as TrainingConfig["optimizer"][],
  /** Full fine-tuning also tries plain SGD: "16-bit weights + gradients only" readings of a figure. */
  fullOptimizers: ["adamw", "paged_adamw8bit", "sgd"] as TrainingConfig["optimizer"][],
  rank: [8, 16, 64],
  targetModules: [["q_proj", "v_proj"], ["q_proj", "k_proj", "v_proj", "o_proj"], ["all-linear"]] as TargetModule[][],
  fp32MasterWeights: [true, false],
};

export function claimConfig(claim: MemoryClaim, assumptions: AssumptionSet): TrainingConfig {
  return {
    method: claim.method,
    rank: assumptions.rank,
    targetModules: assumptions.targetModules,
    doubleQuant: false,
    precision: "bf16",
    batchSize: assumptions.batchSize,
    seqLen: assumptions.seqLen,
    gradientCheckpointing: assumptions.gradientCheckpointing,
    attention: "sdpa",
    optimizer: assumptions.optimizer,
    gpuCount: 1,
    sharding: "none",
    ...claim.known,
  };
}

/** Predicted GB for a claim under one assumption set, in the claim's scope. */
export function predictClaimGb(claim: MemoryClaim, arch: ModelArchitecture, assumptions: AssumptionSet): number {
  const { bytes, totalBytes } = estimateMemoryBytes(claimConfig(claim, assumptions), arch, { fp32MasterWeights: assumptions.fp32MasterWeights });
  const value =
    claim.scope === "total"
      ? totalBytes
      : bytes.weights + bytes.quantizationConstants + bytes.adapterWeights + bytes.gradients + bytes.optimizerStates + bytes.masterWeights;
  return value / BYTES_PER_GB;
}

/** Signed distance to the stated range, relative to its nearest bound: 0 inside, negative below, positive above. */
export function rangeErrorPct(predictedGb: number, minGb: number, maxGb: number | null): number {
  if (predictedGb < minGb) return ((predictedGb - minGb) / minGb) * 100;
  if (maxGb !== null && predictedGb > maxGb) return ((predictedGb - maxGb) / maxGb) * 100;
  return 0;
}

/** Every assumption set the claim leaves open, defaults first (so ties go to the defaults). */
export function assumptionGrid(claim: MemoryClaim): AssumptionSet[] {
  const isFull = claim.method === "full";
  const pick = <K extends keyof AssumptionSet>(key: K, values: AssumptionSet[K][], relevant: boolean): AssumptionSet[K][] => {
    const known = (claim.known as Partial<AssumptionSet>)[key];
    if (known !== undefined) return [known];
    if (!relevant) return [DEFAULT_ASSUMPTIONS[key]];
    return [DEFAULT_ASSUMPTIONS[key], ...values.filter((value) => JSON.stringify(value) !== JSON.stringify(DEFAULT_ASSUMPTIONS[key]))];
  };
  const dynamic = claim.scope === "total";
  const sets: AssumptionSet[] = [];
  for (const batchSize of pick("batchSize", CALIBRATION_GRID.batchSize, dynamic))
    for (const seqLen of pick("seqLen", CALIBRATION_GRID.seqLen, dynamic))
      for (const gradientCheckpointing of pick("gradientCheckpointing", CALIBRATION_GRID.gradientCheckpointing, dynamic))
        for (const optimizer of pick("optimizer", isFull ? CALIBRATION_GRID.fullOptimizers : CALIBRATION_GRID.optimizer, true))
          for (const rank of pick("rank", CALIBRATION_GRID.rank, !isFull))
            for (const targetModules of pick("targetModules", CALIBRATION_GRID.targetModules, !isFull))
              for (const fp32MasterWeights of pick("fp32MasterWeights", CALIBRATION_GRID.fp32MasterWeights, isFull))
                sets.push({ batchSize, seqLen, gradientCheckpointing, optimizer, rank, targetModules, fp32MasterWeights });
  return sets;
}

/** The fields a claim leaves open, as a short phrase ("batch 4, seq 512, checkpointing on, adamw, r=16 on q,v"). */
export function describeAssumptions(claim: MemoryClaim, set: AssumptionSet): string {
  const known = claim.known as Partial<AssumptionSet>;
  const isFull = claim.method === "full";
  const parts: string[] = [];
  if (claim.scope === "total") {
    if (known.batchSize === undefined) parts.push(`batch ${set.batchSize}`);
    if (known.seqLen === undefined) parts.push(`seq ${set.seqLen}`);
    if (known.gradientCheckpointing === undefined) parts.push(`checkpointing ${set.gradientCheckpointing ? "on" : "off"}`);
  }
  if (known.optimizer === undefined) parts.push(set.optimizer);
  if (!isFull && known.rank === undefined) parts.push(`r=${set.rank}`);
  if (!isFull && known.targetModules === undefined) parts.push(set.targetModules.map((m) => m.replace("_proj", "")).join(","));
  if (isFull) parts.push(set.fp32MasterWeights ? "fp32 master" : "no fp32 master");
  return parts.join(", ") || "as stated";
}

export type MemoryErrorRow = {
  claim: MemoryClaim;
  stated: string;
  defaultGb: number;
  defaultErrorPct: number;
  best: { assumptions: AssumptionSet; description: string; predictedGb: number; errorPct: number };
  /** The best set lands within MATCH_TOLERANCE of the stated range. */
  reproduced: boolean;
  /** Whether batch, sequence, checkpointing, optimizer (and rank, modules) are all stated: only then calibratable. */
  fullyStated: boolean;
  explanation: string;
};

/** Articles round their figures ("16GB", "~5GB"): a prediction within 5% of the stated range reproduces it. */
export const MATCH_TOLERANCE = 0.05;

export function formatStated(claim: MemoryClaim): string {
  if (claim.statedMaxGb === null) return `${claim.statedMinGb}+`;
  if (claim.statedMaxGb === claim.statedMinGb) return `${claim.statedMinGb}`;
  return claim.statedMinGb === 0 ? `≤ ${claim.statedMaxGb}` : `${claim.statedMinGb}-${claim.statedMaxGb}`;
}

/** How many open fields differ from the defaults: the search prefers the explanation with the fewest. */
function departures(claim: MemoryClaim, set: AssumptionSet): number {
  const known = claim.known as Partial<AssumptionSet>;
  return (Object.keys(DEFAULT_ASSUMPTIONS) as (keyof AssumptionSet)[]).filter(
    (key) => known[key] === undefined && JSON.stringify(set[key]) !== JSON.stringify(DEFAULT_ASSUMPTIONS[key]),
  ).length;
}

/**
 * For each claim: the prediction under the defaults, and the assumption set that reproduces the figure best.
 * The search reads an open-ended figure ("84GB+") as its bound and an upper bound ("fits 16GB") as at most
 * that; it ranks sets by distance to the stated range widened by MATCH_TOLERANCE, then by fewest departures
 * from the defaults (the simplest explanation), then by closeness to the figure.
 */
export function memoryErrorReport(claims: readonly MemoryClaim[], models: readonly ModelArchitecture[]): MemoryErrorRow[] {
  return claims.map((claim) => {
    const arch = models.find((m) => m.id === claim.modelId);
    if (!arch) throw new Error(`claim ${claim.id}: model ${claim.modelId} is not in the catalog`);
    const upper = claim.statedMaxGb ?? claim.statedMinGb;
    const low = claim.statedMinGb * (1 - MATCH_TOLERANCE);
    const high = upper * (1 + MATCH_TOLERANCE);
    const target = claim.statedMinGb === 0 ? upper : (claim.statedMinGb + upper) / 2;
    const bandDistance = (gb: number) => (gb < low ? (low - gb) / low : gb > high ? (gb - high) / high : 0);
    const score = (set: AssumptionSet, gb: number) => [bandDistance(gb), departures(claim, set), Math.abs(gb - target)];
    const defaults: AssumptionSet = { ...DEFAULT_ASSUMPTIONS, ...(claim.known as Partial<AssumptionSet>) };
    const defaultGb = predictClaimGb(claim, arch, defaults);
    let best = { assumptions: defaults, predictedGb: defaultGb, score: score(defaults, defaultGb) };
    for (const assumptions of assumptionGrid(claim)) {
      const predictedGb = predictClaimGb(claim, arch, assumptions);
      const candidate = score(assumptions, predictedGb);
      const index = candidate.findIndex((value, i) => Math.abs(value - best.score[i]!) > 1e-9);
      if (index >= 0 && candidate[index]! < best.score[index]!) best = { assumptions, predictedGb, score: candidate };
    }
    const errorPct = rangeErrorPct(best.predictedGb, claim.statedMinGb, claim.statedMaxGb);
    const description = describeAssumptions(claim, best.assumptions);
    const known = claim.known;
    const fullyStated =
      claim.scope === "total" &&
      known.batchSize !== undefined && known.seqLen !== undefined && known.gradientCheckpointing !== undefined && known.optimizer !== undefined &&
      (claim.method === "full" || (known.rank !== undefined && known.targetModules !== undefined));
    const reproduced = best.score[0] === 0;
    const scopeNote = claim.scope === "static" ? " (weights, gradients, optimizer states: the source's own sum)" : "";
    const weightsGb = (() => {
      const { bytes } = estimateMemoryBytes(claimConfig(claim, best.assumptions), arch);
      return (bytes.weights + bytes.quantizationConstants) / BYTES_PER_GB;
    })();
    const gb = `${best.predictedGb.toFixed(1)} GB`;
    let explanation: string;
    if (reproduced && claim.statedMaxGb === null) {
      explanation = `Open-ended, so the defaults (${defaultGb.toFixed(1)} GB) are ${defaultGb >= claim.statedMinGb ? "consistent" : "below it"}; the bound itself is met by ${description}: ${gb}${scopeNote}.`;
    } else if (reproduced) {
      explanation = `Reproduced${errorPct === 0 ? "" : " within 5%"}${scopeNote} by ${description}: ${gb}.`;
    } else if (errorPct === 0) {
      explanation = `Open-ended and consistent (the defaults give ${defaultGb.toFixed(1)} GB); no assumption set comes within 5% of the bound, the closest is ${description}: ${gb}.`;
    } else {
      explanation =
        `Not reproducible${scopeNote}: the closest assumptions (${description}) give ${gb}, ${Math.abs(errorPct).toFixed(0)}% ${errorPct > 0 ? "above" : "below"} the figure` +
        (errorPct > 0 ? `; the weights alone take ${weightsGb.toFixed(1)} GB.` : ".");
    }
    return {
      claim,
      stated: formatStated(claim),
      defaultGb,
      defaultErrorPct: rangeErrorPct(defaultGb, claim.statedMinGb, claim.statedMaxGb),
      best: { assumptions: best.assumptions, description, predictedGb: best.predictedGb, errorPct },
      reproduced,
      fullyStated,
      explanation,
    };
  });
}

/** The report as a markdown table. */
export function formatMemoryReport(rows: readonly MemoryErrorRow[]): string {
  const pct = (value: number) => (value === 0 ? "0%" : `${value > 0 ? "+" : ""}${value.toFixed(0)}%`);
  const lines = [
    "| Claim | Source | Stated (GB) | Predicted, defaults (GB) | Error | Best-matching assumptions | Predicted (GB) | Error | Explanation |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map((row) =>
      [
        row.claim.label,
        row.claim.sourceId,
        row.stated,
        row.defaultGb.toFixed(1),
        pct(row.defaultErrorPct),
        row.best.description,
        row.best.predictedGb.toFixed(1),
        pct(row.best.errorPct),
        row.explanation,
      ].join(" | "),
    ).map((line) => `| ${line} |`),
  ];
  return lines.join("\n");
}
