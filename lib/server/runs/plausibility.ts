import "server-only";
import type { FieldIssue } from "@/lib/api/errors";
import type { RunCreate } from "@/lib/schemas/run";

/** What the rule needs of the hardware catalog: a GPU's name and memory in GB (1e9 bytes), by catalog id. */
export type GpuCapacities = ReadonlyMap<string, { name: string; memoryGb: number }>;

/**
 * A GPU's marketed "80 GB" is 80 GiB of memory chips (81,920 MiB in nvidia-smi), 85.9 GB in the 1e9-byte GB runs
 * are logged in; a peak up to the marketed figure read as GiB is therefore possible and accepted.
 */
const GIB_PER_GB = 2 ** 30 / 1e9;

/**
 * Rules that need the catalogs, so they cannot live in the zod schema (checkRunConsistency holds the rest).
 * A completed run cannot have peaked above its GPU's memory: peakMemoryGb is per GPU, so a larger figure is a
 * sum over GPUs or a unit slip (GiB, MB). Only completed runs: a source's claim ("reported", e.g. memory summed
 * over a node) or a plan is not a measurement on that GPU. A range is checked by its lower bound, which is
 * what the run is said to have needed at least.
 */
export function checkRunPlausibility(input: RunCreate, gpus: GpuCapacities, prefix: string, issues: FieldIssue[]): void {
  const status = input.status ?? "completed";
  const gpu = input.hardware != null ? gpus.get(input.hardware) : undefined;
  if (status !== "completed" || !gpu) return;
  const [field, value] = input.peakMemoryGb != null ? (["peakMemoryGb", input.peakMemoryGb] as const) : (["peakMemoryGbMin", input.peakMemoryGbMin] as const);
  const capacityGb = gpu.memoryGb * GIB_PER_GB;
  if (value == null || value <= capacityGb) return;
  issues.push({
    path: `${prefix}${field}`,
    message:
      `${value} GB is more than one ${gpu.name} (${input.hardware}) holds: ${gpu.memoryGb} GB as marketed, ${capacityGb.toFixed(1)} GB (1e9 bytes) at most. ` +
      `${field} is the peak per GPU in GB: divide a total over several GPUs by gpuCount, convert MB or MiB to GB, or correct the hardware`,
  });
}
