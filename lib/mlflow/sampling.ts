// The step sampling of get-history-bulk-interval, as mlflow/server/handlers.py does it
// (_get_sampled_steps_from_steps and get_metric_history_bulk_interval_impl, mlflow/mlflow at
// 0007c018091c370eac5bea5cc09038f0af736303): at most max_results evenly spaced steps of those logged in the range,
// plus the last one, plus each run's first and last step in the range, so every curve keeps its ends.

/** Evenly spaced steps of `allSteps` (sorted, distinct) between start and end, at most maxResults and the last. */
export function sampleStepsInRange(start: number, end: number, maxResults: number, allSteps: readonly number[]): Set<number> {
  const startIndex = lowerBound(allSteps, start);
  const endIndex = upperBound(allSteps, end);
  if (endIndex - startIndex <= maxResults) return new Set(allSteps.slice(startIndex, endIndex));
  const count = endIndex - startIndex;
  const interval = count / maxResults;
  const sampled = new Set<number>();
  // MLflow's handler compares the index with the count of steps in the range instead of the range's end, so a range
  // that starts past that count samples nothing but its last step; here the index is compared with the end.
  for (let i = 0; i < maxResults; i += 1) {
    const index = startIndex + Math.floor(i * interval);
    if (index < endIndex) sampled.add(allSteps[index]!);
  }
  sampled.add(allSteps[endIndex - 1]!);
  return sampled;
}

/**
 * The steps to return for several runs' histories of one metric: the sample over every run's steps, with each
 * run's min and max step inside the range. Without a range it is 0 to the largest step logged.
 */
export function bulkIntervalSteps(stepsByRun: readonly (readonly number[])[], maxResults: number, range?: { start: number; end: number }): number[] {
  const allSteps = [...new Set(stepsByRun.flat())].sort((a, b) => a - b);
  const start = range?.start ?? 0;
  const end = range?.end ?? allSteps.at(-1) ?? 0;
  const ends = new Set<number>();
  for (const steps of stepsByRun) {
    if (!steps.length) continue;
    let min = steps[0]!;
    let max = steps[0]!;
    for (const step of steps) {
      if (step < min) min = step;
      if (step > max) max = step;
    }
    for (const step of [min, max]) if (step >= start && step <= end) ends.add(step);
  }
  const sampled = sampleStepsInRange(start, end, maxResults, allSteps);
  for (const step of ends) sampled.add(step);
  return [...sampled].sort((a, b) => a - b);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
