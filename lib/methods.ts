import type { Method } from "@/lib/schemas/run";

/**
 * One colour per method in every chart and badge (Okabe–Ito palette, distinguishable with the common
 * colour-vision deficiencies): full = blue, LoRA = orange, QLoRA = bluish green.
 */
export const METHOD_COLORS: Record<Method, string> = { full: "#0072B2", lora: "#E69F00", qlora: "#009E73" };
