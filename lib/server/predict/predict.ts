import "server-only";
import { type FieldIssue, invalidFields } from "@/lib/api/errors";
import { predict, PredictInputError, recommend, resolveArchitecture, sweep, type PredictContext } from "@/lib/predict";
import type { PredictConfig, Prediction, RecommendRequest, RecommendResponse, SweepRequest, SweepResponse } from "@/lib/schemas/predict";
import { loadPredictContext } from "./context";

/** 422 issues for a model or hardware id the catalogs do not hold (the zod schema cannot know the catalogs). */
function catalogIssues(request: { model?: string; architecture?: unknown; hardware?: string }, context: PredictContext, prefix = ""): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (request.model !== undefined && !request.architecture) {
    try {
      resolveArchitecture({ model: request.model }, context.models);
    } catch (error) {
      if (!(error instanceof PredictInputError)) throw error;
      issues.push({ path: `${prefix}model`, message: `'${request.model}' is not in the model catalog (GET /api/models lists it); give its architecture instead` });
    }
  }
  if (request.hardware !== undefined && !context.gpus.some((gpu) => gpu.id === request.hardware)) {
    issues.push({ path: `${prefix}hardware`, message: `unknown hardware '${request.hardware}'; GET /api/hardware lists the catalog ids` });
  }
  return issues;
}

function assertInCatalog(...issues: FieldIssue[]): void {
  if (issues.length) throw invalidFields(issues);
}

/** Memory, fits, limits, throughput, time, cost and quality for one configuration, on the latest fits. */
export async function predictConfig(config: PredictConfig): Promise<Prediction> {
  const { context } = await loadPredictContext();
  assertInCatalog(...catalogIssues(config, context));
  return predict(config, context);
}

/** Every combination of up to two varied fields (at most 1,000, checked by the schema), summarised per point. */
export async function sweepConfigs(request: SweepRequest): Promise<SweepResponse> {
  const { context } = await loadPredictContext();
  assertInCatalog(...catalogIssues(request.base, context, "base."));
  return { points: sweep(request.base, request.vary, context) };
}

/** The best configurations for a GPU, model and dataset, ranked by the priority. */
export async function recommendConfigs(request: RecommendRequest): Promise<RecommendResponse> {
  const { context } = await loadPredictContext();
  assertInCatalog(...catalogIssues(request, context));
  // The whole prediction context: each candidate is predicted as /plan predicts it (calibration included).
  const items = recommend(request, { ...context, topN: request.topN });
  return { items };
}
