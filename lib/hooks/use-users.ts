"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { Me, User, UserCreate, UserPatch } from "@/lib/schemas/auth";

export const userKeys = { me: ["auth", "me"] as const, all: ["users"] as const };

/** Who is signed in (null user when signed out). */
export function useMe() {
  return useQuery({ queryKey: userKeys.me, queryFn: () => apiFetch<Me>("/api/auth/me") });
}

/** Every user (admins only). */
export function useUsers(enabled = true) {
  return useQuery({ queryKey: userKeys.all, queryFn: () => apiFetch<{ items: User[] }>("/api/users"), enabled });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreate) => apiFetch<User>("/api/users", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) => apiFetch<User>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", json: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
