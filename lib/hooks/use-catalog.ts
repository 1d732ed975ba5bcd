"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { catalogKeys } from "@/lib/query/keys";
import type { CatalogHardware, CatalogModel } from "@/lib/schemas/catalog";

// The catalogs change only with a new seed: never refetch them during a session.
export function useModels() {
  return useQuery({ queryKey: catalogKeys.models, queryFn: () => apiFetch<{ items: CatalogModel[] }>("/api/models"), staleTime: Infinity });
}

export function useHardware() {
  return useQuery({ queryKey: catalogKeys.hardware, queryFn: () => apiFetch<{ items: CatalogHardware[] }>("/api/hardware"), staleTime: Infinity });
}
