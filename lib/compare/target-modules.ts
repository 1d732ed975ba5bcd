// Which LoRA target-module set a run's targetModules list is, in the terms the sources compare.
import type { TARGET_MODULE_SETS } from "@/lib/schemas/compare";

export type TargetModuleSet = (typeof TARGET_MODULE_SETS)[number];

export const TARGET_MODULE_SET_LABELS: Record<TargetModuleSet, string> = {
  "q,v": "q,v only (q_proj, v_proj)",
  attention: "All attention (q, k, v, o)",
  "attention+mlp": "Attention + MLP (7 projections)",
  "all-linear": "All linear layers",
};

const ATTENTION = ["q_proj", "k_proj", "v_proj", "o_proj"];
const MLP = ["gate_proj", "up_proj", "down_proj"];
const SETS: [TargetModuleSet, string[]][] = [
  ["q,v", ["q_proj", "v_proj"]],
  ["attention", ATTENTION],
  ["attention+mlp", [...ATTENTION, ...MLP]],
  ["all-linear", ["all-linear"]],
  // The seven projections plus the output head: every linear layer there is.
  ["all-linear", [...ATTENTION, ...MLP, "lm_head"]],
];

/** The set a module list names exactly (order and repeats ignored); null for any other combination. */
export function classifyTargetModules(modules: readonly string[]): TargetModuleSet | null {
  const given = [...new Set(modules)].sort().join(",");
  return SETS.find(([, set]) => [...set].sort().join(",") === given)?.[0] ?? null;
}
