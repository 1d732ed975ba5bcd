// Model size classes ("7B", "13B", …) for grouping runs of models that are marketed as the same size.

/**
 * Sizes, in billions of parameters, that models are named by although their exact counts differ (LLaMA-7B has
 * 6.74e9 parameters, Llama 2 70B 6.90e10, Qwen2.5 7B 7.62e9, Phi-3 mini 3.82e9).
 */
const NAMED_SIZES_B = [0.5, 1, 1.1, 1.5, 3, 3.8, 7, 9, 13, 34, 70, 180, 405] as const;
/** A count within this factor of a named size takes that size's label. */
const NAMED_SIZE_TOLERANCE = 1.1;

export type SizeClass = { label: string; params: number };

/**
 * The size class of a parameter count: the nearest named size when within 10% of it (6.74e9 → "7B",
 * 1.1e9 → "1.1B", 6.9e10 → "70B"), otherwise the count rounded to one decimal below 10B and to a whole number
 * above (8.03e9 → "8B", 1.24e9 → "1.2B", 2.2e10 → "22B"), and whole millions below 1B (1.24e8 → "124M").
 * `params` is the class's nominal count (7B → 7e9), which orders classes.
 */
export function modelSizeClass(params: number): SizeClass {
  const billions = params / 1e9;
  if (billions < 0.45) {
    const millions = Math.max(1, Math.round(params / 1e6));
    return { label: `${millions}M`, params: millions * 1e6 };
  }
  let nearest: number = NAMED_SIZES_B[0];
  for (const size of NAMED_SIZES_B) {
    if (Math.abs(Math.log(billions / size)) < Math.abs(Math.log(billions / nearest))) nearest = size;
  }
  const ratio = Math.max(billions / nearest, nearest / billions);
  const size = ratio <= NAMED_SIZE_TOLERANCE ? nearest : billions < 10 ? Math.round(billions * 10) / 10 : Math.round(billions);
  return { label: `${size}B`, params: size * 1e9 };
}
