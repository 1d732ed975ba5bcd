"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { experimentKeys, runKeys } from "@/lib/query/keys";
import type { Experiment, ExperimentCreate, ExperimentPatch } from "@/lib/schemas/experiment";

export function useExperiments(includeArchived = false) {
  return useQuery({
    queryKey: experimentKeys.list(includeArchived),
    queryFn: () => apiFetch<{ items: Experiment[] }>(`/api/experiments${includeArchived ? "?includeArchived=true" : ""}`),
  });
}

/** A rename shows in every run's experiment name, so runs are refreshed with the experiments. */
function invalidateExperiments(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all([queryClient.invalidateQueries({ queryKey: experimentKeys.all }), queryClient.invalidateQueries({ queryKey: runKeys.all })]);
}

export function useCreateExperiment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ExperimentCreate) => apiFetch<Experiment>("/api/experiments", { method: "POST", json: input }),
    onSuccess: () => invalidateExperiments(queryClient),
  });
}

export function useUpdateExperiment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ExperimentPatch }) =>
      apiFetch<Experiment>(`/api/experiments/${encodeURIComponent(id)}`, { method: "PATCH", json: patch }),
    onSuccess: () => invalidateExperiments(queryClient),
  });
}
