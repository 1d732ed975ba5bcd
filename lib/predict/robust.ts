// Outlier rules shared by the quality and efficiency fits: the modified z-score of Iglewicz & Hoaglin (1993),
// |x - median| / (1.4826 x MAD), where 1.4826 x MAD estimates the standard deviation of normal data and a point
// beyond 3.5 is an outlier. A floor on the scale keeps tightly agreeing data (MAD near 0) from calling a
// small, ordinary difference an outlier.

/** Iglewicz & Hoaglin's recommended cut-off for the modified z-score. */
export const OUTLIER_THRESHOLD = 3.5;
/** 1 / Φ⁻¹(0.75): turns a median absolute deviation into a standard deviation for normal data. */
export const MAD_TO_SD = 1.4826;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type RobustScores = {
  center: number;
  /** max(1.4826 x MAD, minScale): the robust standard deviation the scores are measured in. */
  scale: number;
  /** |value - center| / scale, one per value. */
  scores: number[];
};

/** Modified z-scores of the values around their median; `minScale` floors the scale (same unit as the values). */
export function robustScores(values: readonly number[], minScale: number): RobustScores {
  const center = median(values);
  const mad = median(values.map((value) => Math.abs(value - center)));
  const scale = Math.max(MAD_TO_SD * mad, minScale);
  return { center, scale, scores: values.map((value) => Math.abs(value - center) / scale) };
}

/** The reason a run under review status `rejected` gives for being left out of every fit. */
export const REJECTED_REASON = "review status rejected";
