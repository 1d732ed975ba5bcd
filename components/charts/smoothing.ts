/**
 * Exponential moving average with TensorBoard's debiasing: s_t = w·s_{t-1} + (1−w)·x_t, divided by 1−w^t so
 * the first points are not pulled towards zero. weight 0 returns the series unchanged. A null (a gap: NaN or
 * ±Infinity logged) stays null and does not enter the average, so one diverged step does not poison the rest.
 */
export function smoothEma<T extends number | null>(values: T[], weight: number): T[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let debias = 0;
  return values.map((value) => {
    if (value === null) return value;
    last = last * weight + (1 - weight) * value;
    debias = debias * weight + (1 - weight);
    return (last / debias) as T;
  });
}
