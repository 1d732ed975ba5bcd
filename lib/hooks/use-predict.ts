"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { predictKeys } from "@/lib/query/keys";
import type {
  CalibrationResponse, PredictConfigInput, Prediction, RecommendRequestInput, RecommendResponse, SweepRequestInput, SweepResponse,
} from "@/lib/schemas/predict";

// Predictions are pure functions of the request and the fits, so a request seen before is answered from the
// cache; while a changed one is in flight the previous answer stays on screen instead of a blank panel.

export function fetchPrediction(input: PredictConfigInput): Promise<Prediction> {
  return apiFetch<Prediction>("/api/predict", { method: "POST", json: input });
}

/** The prediction for a configuration; null (an invalid form) fetches nothing and keeps the last answer. */
export function usePrediction(input: PredictConfigInput | null) {
  return useQuery({
    queryKey: predictKeys.prediction(input ?? ({} as PredictConfigInput)),
    queryFn: () => fetchPrediction(input!),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSweep(request: SweepRequestInput | null) {
  return useQuery({
    queryKey: predictKeys.sweep(request ?? ({} as SweepRequestInput)),
    queryFn: () => apiFetch<SweepResponse>("/api/predict/sweep", { method: "POST", json: request }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

/** Recommendations for a submitted request (null until the first submit). */
export function useRecommendations(request: RecommendRequestInput | null) {
  return useQuery({
    queryKey: predictKeys.recommend(request ?? ({} as RecommendRequestInput)),
    queryFn: () => apiFetch<RecommendResponse>("/api/recommend", { method: "POST", json: request }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

/** Predicted against measured over all runs, or one run's rows (keyed by its updatedAt, so an edit refetches). */
export function useCalibration(run?: { id: string; updatedAt: string }) {
  return useQuery({
    queryKey: predictKeys.calibration(run?.id, run?.updatedAt),
    queryFn: () => apiFetch<CalibrationResponse>(run ? `/api/calibration?runId=${encodeURIComponent(run.id)}` : "/api/calibration"),
  });
}
