import "server-only";
// MLflow's experiment calls on top of lib/server/experiments.ts: delete is archive, restore un-archives, and a
// taken name is RESOURCE_ALREADY_EXISTS (400), as mlflow/server/handlers.py answers.
import { ApiError } from "@/lib/api/errors";
import { MlflowError, doesNotExist, invalidParameter } from "@/lib/mlflow/errors";
import { type OrderBy, EXPERIMENT_SEARCH, decodePageToken, encodePageToken, matchesFilter, parseOrderBy, parseSearchFilter, sortSearchables } from "@/lib/mlflow/filter";
import { MAX_EXPERIMENT_NAME_LENGTH, SEARCH_MAX_RESULTS_DEFAULT, SEARCH_MAX_RESULTS_THRESHOLD } from "@/lib/mlflow/limits";
import type { KeyValue, ViewType } from "@/lib/mlflow/requests";
import { toExperiment } from "@/lib/mlflow/serialize";
import {
  archiveExperiment, createExperiment, getExperiment, getExperimentByName, listExperiments, restoreExperiment, setExperimentTag, updateExperiment,
} from "@/lib/server/experiments";
import type { Experiment } from "@/lib/schemas/experiment";

/** 404 in MLflow's words for a missing experiment; anything else passes through. */
async function orMissing<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") throw doesNotExist(message);
    throw error;
  }
}

const missingId = (id: string) => `No Experiment with id=${id} exists`;

function assertName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalidParameter("Invalid experiment name: ''. Experiment name must be a non-empty string");
  if (trimmed.length > MAX_EXPERIMENT_NAME_LENGTH) throw invalidParameter(`Experiment name had length ${trimmed.length}, which exceeded length limit of ${MAX_EXPERIMENT_NAME_LENGTH}`);
  return trimmed;
}

export async function getMlflowExperimentByName(name: string) {
  return { experiment: toExperiment(await orMissing(getExperimentByName(name), `Could not find experiment with name '${name}'`)) };
}

export async function getMlflowExperiment(id: string) {
  return { experiment: toExperiment(await orMissing(getExperiment(id), missingId(id))) };
}

/** Creates an experiment; its artifact_location is always the proxied store's, whatever the client asks. */
export async function createMlflowExperiment(input: { name: string; tags?: KeyValue[] }) {
  const name = assertName(input.name);
  try {
    const tags = Object.fromEntries((input.tags ?? []).map((tag) => [tag.key, tag.value]));
    const created = await createExperiment({ name, tags });
    return { experiment_id: created.id };
  } catch (error) {
    if (error instanceof ApiError && error.code === "conflict") throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Experiment '${name}' already exists.`);
    throw error;
  }
}

export async function renameMlflowExperiment(id: string, newName: string | undefined) {
  if (newName === undefined) return {};
  await orMissing(updateExperiment(id, { name: assertName(newName) }), missingId(id));
  return {};
}

/** MLflow's delete is a soft delete: archived here, runs kept, restorable. Default ("0") cannot be deleted. */
export async function deleteMlflowExperiment(id: string) {
  await orMissing(archiveExperiment(id), missingId(id));
  return {};
}

export async function restoreMlflowExperiment(id: string) {
  await orMissing(restoreExperiment(id), missingId(id));
  return {};
}

export async function setMlflowExperimentTag(id: string, key: string, value: string) {
  if (!key || key.length > 250) throw invalidParameter(`Invalid experiment tag key '${key.slice(0, 40)}': 1 to 250 characters`);
  if (value.length > 5000) throw invalidParameter(`Experiment tag value for key '${key}' had length ${value.length}, which exceeded length limit of 5000`);
  await orMissing(setExperimentTag(id, key, value), missingId(id));
  return {};
}

const EXPERIMENT_DEFAULT_ORDER: OrderBy[] = [
  { type: "attribute", key: "creation_time", ascending: false },
  { type: "attribute", key: "experiment_id", ascending: true },
];

/** search-experiments: filter on name, times and tags; ACTIVE_ONLY unless asked; offset pages. */
export async function searchMlflowExperiments(input: { filter?: string; order_by?: string[]; view_type?: ViewType; max_results?: number; page_token?: string }) {
  const clauses = parseSearchFilter(input.filter, EXPERIMENT_SEARCH);
  const orderBy = parseOrderBy(input.order_by, EXPERIMENT_SEARCH);
  const maxResults = input.max_results ?? SEARCH_MAX_RESULTS_DEFAULT;
  if (maxResults < 1 || maxResults > SEARCH_MAX_RESULTS_THRESHOLD) throw invalidParameter(`Invalid value for max_results: it must be between 1 and ${SEARCH_MAX_RESULTS_THRESHOLD}, got ${maxResults}`);
  const offset = decodePageToken(input.page_token);
  const view = input.view_type ?? "ACTIVE_ONLY";
  const all = await listExperiments({ includeArchived: view !== "ACTIVE_ONLY" });
  const visible = all.filter((experiment) => (view === "DELETED_ONLY" ? experiment.archivedAt !== null : view === "ACTIVE_ONLY" ? experiment.archivedAt === null : true));
  const searchables = visible.map((experiment) => ({ experiment, ...searchable(experiment) }));
  const sorted = sortSearchables(searchables.filter((item) => matchesFilter(item, clauses)), orderBy, EXPERIMENT_DEFAULT_ORDER);
  const page = sorted.slice(offset, offset + maxResults);
  return {
    experiments: page.map((item) => toExperiment(item.experiment)),
    ...(offset + maxResults < sorted.length ? { next_page_token: encodePageToken(offset + maxResults) } : {}),
  };
}

function searchable(experiment: Experiment) {
  return {
    metrics: new Map<string, number>(),
    params: new Map<string, string>(),
    tags: new Map(Object.entries(experiment.tags)),
    attributes: {
      name: experiment.name,
      experiment_id: experiment.id,
      lifecycle_stage: experiment.archivedAt ? "deleted" : "active",
      creation_time: Date.parse(experiment.createdAt),
      last_update_time: Date.parse(experiment.updatedAt),
    },
  };
}
