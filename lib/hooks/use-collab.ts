"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, toSearchParams } from "@/lib/api/client";
import { collabKeys, runKeys } from "@/lib/query/keys";
import type { ActivityQuery, Comment, Person, Review, ReviewPut, RunEventPage, SavedView, SavedViewCreate } from "@/lib/schemas/collab";

const runPath = (runId: string) => `/api/runs/${encodeURIComponent(runId)}`;

// Who is signed in: one hook for the whole app, kept with the other auth hooks.
export { useMe } from "@/lib/hooks/use-users";

export function useComments(runId: string) {
  return useQuery({ queryKey: collabKeys.comments(runId), queryFn: () => apiFetch<{ items: Comment[] }>(`${runPath(runId)}/comments`) });
}

/** A comment or review change shows up in the run's comments, its history and the activity feed. */
function invalidateRunCollab(queryClient: ReturnType<typeof useQueryClient>, runId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: collabKeys.comments(runId) }),
    queryClient.invalidateQueries({ queryKey: collabKeys.review(runId) }),
    queryClient.invalidateQueries({ queryKey: collabKeys.history(runId) }),
    queryClient.invalidateQueries({ queryKey: collabKeys.activities() }),
  ]);
}

export function useCreateComment(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => apiFetch<Comment>(`${runPath(runId)}/comments`, { method: "POST", json: { body } }),
    onSuccess: () => invalidateRunCollab(queryClient, runId),
  });
}

export function useUpdateComment(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) => apiFetch<Comment>(`/api/comments/${encodeURIComponent(id)}`, { method: "PATCH", json: { body } }),
    onSuccess: () => invalidateRunCollab(queryClient, runId),
  });
}

export function useDeleteComment(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/comments/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => invalidateRunCollab(queryClient, runId),
  });
}

export function useReview(runId: string) {
  return useQuery({ queryKey: collabKeys.review(runId), queryFn: () => apiFetch<Review>(`${runPath(runId)}/review`) });
}

export function useSetReview(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReviewPut) => apiFetch<Review>(`${runPath(runId)}/review`, { method: "PUT", json: input }),
    onSuccess: async () => {
      await Promise.all([
        invalidateRunCollab(queryClient, runId),
        queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) }),
        queryClient.invalidateQueries({ queryKey: runKeys.lists() }),
      ]);
    },
  });
}

export function useRunHistory(runId: string) {
  return useQuery({ queryKey: collabKeys.history(runId), queryFn: () => apiFetch<RunEventPage>(`${runPath(runId)}/history`) });
}

export function useActivity(filters: Omit<ActivityQuery, "cursor" | "limit">) {
  return useInfiniteQuery({
    queryKey: collabKeys.activity(filters),
    queryFn: ({ pageParam }) => apiFetch<RunEventPage>(`/api/activity?${toSearchParams({ ...filters, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useViews() {
  return useQuery({ queryKey: collabKeys.views(), queryFn: () => apiFetch<{ items: SavedView[] }>("/api/views") });
}

export function useCreateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SavedViewCreate) => apiFetch<SavedView>("/api/views", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: collabKeys.views() }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/views/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: collabKeys.views() }),
  });
}

/** Everyone's username and name, for the activity feed's person filter. */
export function usePeople() {
  return useQuery({ queryKey: collabKeys.people(), queryFn: () => apiFetch<{ items: Person[] }>("/api/people"), staleTime: 60_000 });
}
