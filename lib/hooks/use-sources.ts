"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import { claimKeys, sourceKeys } from "@/lib/query/keys";
import type { ClaimView, SourceDetail, SourceSummary } from "@/lib/schemas/source";

export function useSources() {
  return useQuery({ queryKey: sourceKeys.all, queryFn: () => apiFetch<{ items: SourceSummary[] }>("/api/sources") });
}

export function useSource(id: string) {
  return useQuery({ queryKey: sourceKeys.detail(id), queryFn: () => apiFetch<SourceDetail>(`/api/sources/${encodeURIComponent(id)}`) });
}

export function useClaims(disagreeing: boolean) {
  return useQuery({
    queryKey: claimKeys.list(disagreeing),
    queryFn: () => apiFetch<{ items: ClaimView[] }>(`/api/claims${disagreeing ? "?disagreeing=true" : ""}`),
  });
}

export function useClaim(id: string) {
  return useQuery({ queryKey: claimKeys.detail(id), queryFn: () => apiFetch<ClaimView>(`/api/claims/${encodeURIComponent(id)}`) });
}
