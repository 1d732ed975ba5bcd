"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/client";
import type { Me, PasswordChange, User, UserCreate, UserPatch } from "@/lib/schemas/auth";

export const userKeys = { me: ["auth", "me"] as const, all: ["users"] as const };

/** Who is signed in (null user when signed out), to show or hide write controls; the server checks every write anyway. */
export function useMe() {
  return useQuery({ queryKey: userKeys.me, queryFn: () => apiFetch<Me>("/api/auth/me"), staleTime: 60_000 });
}

/** Whether the signed-in person may write (members and admins); false while unknown. */
export function useCanWrite(): boolean {
  const role = useMe().data?.user?.role;
  return role === "member" || role === "admin";
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

/** Changes the signed-in person's password; their other sessions end on the server. */
export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChange) => apiFetch<void>("/api/auth/password", { method: "POST", json: input }) });
}
