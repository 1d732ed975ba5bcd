/**
 * Exponential moving average with TensorBoard's debiasing: s_t = w·s_{t-1} + (1−w)·x_t, divided by 1−w^t so
 * the first points are not pulled towards zero. weight 0 returns the series unchanged.
 */
export function smoothEma(values: number[], weight: number): number[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let debias = 0;
  return values.map((value) => {
    last = last * weight + (1 - weight) * value;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}
