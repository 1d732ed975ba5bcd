// MLflow's limits on what a client may log, from mlflow/utils/validation.py (mlflow/mlflow at
// 0007c018091c370eac5bea5cc09038f0af736303). A request over them is INVALID_PARAMETER_VALUE (400), as there.
import { invalidParameter } from "./errors";

export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_TAGS_PER_BATCH = 100;
/** Metrics, params and tags together in one log-batch. */
export const MAX_ENTITIES_PER_BATCH = 1000;
/** Byte cap of a request body (MAX_BATCH_LOG_REQUEST_SIZE): 1 MB. */
export const MAX_REQUEST_BYTES = 1_000_000;
export const MAX_ENTITY_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 5000;
export const MAX_EXPERIMENT_NAME_LENGTH = 250;
/** search-runs / search-experiments: default and largest page (SEARCH_MAX_RESULTS_DEFAULT / _THRESHOLD). */
export const SEARCH_MAX_RESULTS_DEFAULT = 1000;
export const SEARCH_MAX_RESULTS_THRESHOLD = 50_000;
/** get-history pages (MAX_RESULTS_GET_METRIC_HISTORY) and get-history-bulk-interval (MAX_RESULTS_PER_RUN, 100 runs). */
export const MAX_RESULTS_GET_METRIC_HISTORY = 25_000;
export const MAX_RESULTS_PER_RUN = 2500;
export const MAX_RUNS_GET_METRIC_HISTORY_BULK = 100;

type Keyed = { key: string };

/** Checks a log-batch's counts as _validate_batch_log_limits does, with its wording. */
export function assertBatchLimits(batch: { metrics: unknown[]; params: unknown[]; tags: unknown[] }): void {
  const over = (count: number, limit: number, what: string) => {
    if (count > limit) {
      throw invalidParameter(`A batch logging request can contain at most ${limit} ${what}. Got ${count} ${what}. Please split up ${what} across multiple requests and try again.`);
    }
  };
  over(batch.metrics.length, MAX_METRICS_PER_BATCH, "metrics");
  over(batch.params.length, MAX_PARAMS_TAGS_PER_BATCH, "params");
  over(batch.tags.length, MAX_PARAMS_TAGS_PER_BATCH, "tags");
  const total = batch.metrics.length + batch.params.length + batch.tags.length;
  if (total > MAX_ENTITIES_PER_BATCH) {
    throw invalidParameter(`A batch logging request can contain at most ${MAX_ENTITIES_PER_BATCH} total metrics, params, and tags. Got ${total} total. Please split up metrics, params, and tags across multiple requests and try again.`);
  }
}

/**
 * Key and value lengths. Any key characters are accepted (`memory/max_active (GiB)`, `profiling/Time taken: x`):
 * MLflow's own name rules guard file-store paths, which this store does not have.
 */
export function assertKey(key: string, what: "Metric" | "Param" | "Tag"): void {
  if (key.length === 0) throw invalidParameter(`${what} name must not be empty`);
  if (key.length > MAX_ENTITY_KEY_LENGTH) throw invalidParameter(`${what} name '${key.slice(0, 40)}…' had length ${key.length}, which exceeded length limit of ${MAX_ENTITY_KEY_LENGTH}`);
}

export function assertParam(param: Keyed & { value: string }): void {
  assertKey(param.key, "Param");
  if (param.value.length > MAX_PARAM_VALUE_LENGTH) {
    throw invalidParameter(`Param value for key '${param.key}' had length ${param.value.length}, which exceeded length limit of ${MAX_PARAM_VALUE_LENGTH}`);
  }
}

export function assertTag(tag: Keyed & { value: string }): void {
  assertKey(tag.key, "Tag");
  if (tag.value.length > MAX_TAG_VALUE_LENGTH) {
    throw invalidParameter(`Tag value for key '${tag.key}' had length ${tag.value.length}, which exceeded length limit of ${MAX_TAG_VALUE_LENGTH}`);
  }
}
