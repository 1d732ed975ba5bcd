"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { ApiTokenInfo, CreatedToken } from "@/lib/schemas/auth";

export const tokenKeys = { all: ["tokens"] as const };

/** The signed-in user's own API tokens (never their secrets). */
export function useTokens(enabled = true) {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => apiFetch<{ items: ApiTokenInfo[] }>("/api/tokens"), enabled });
}

/** Creates a token; the response carries the plaintext secret, once. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<CreatedToken>("/api/tokens", { method: "POST", json: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<ApiTokenInfo>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
