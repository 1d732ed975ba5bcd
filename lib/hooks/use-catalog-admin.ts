"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { catalogKeys } from "@/lib/query/keys";
import type { CatalogHardware, CatalogModel } from "@/lib/schemas/catalog";
import type { HardwarePriceUpdate, ModelCreateInput } from "@/lib/schemas/catalog-input";
import type { hardwareCreateSchema } from "@/lib/schemas/catalog-input";
import type { z } from "zod";

// Catalog writes (admins). The catalog queries never go stale on their own, so each write refreshes them here:
// the plan form, the run form and the lists show a new GPU or model at once.

export function useCreateHardware() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof hardwareCreateSchema>) => apiFetch<CatalogHardware>("/api/hardware", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.hardware }),
  });
}

export function useUpdateHardwarePrice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, update }: { id: string; update: HardwarePriceUpdate }) =>
      apiFetch<CatalogHardware>(`/api/hardware/${encodeURIComponent(id)}`, { method: "PATCH", json: update }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.hardware }),
  });
}

export function useCreateModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<ModelCreateInput>) => apiFetch<CatalogModel>("/api/models", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.models }),
  });
}
