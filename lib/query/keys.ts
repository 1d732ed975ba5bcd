// Query-key factories: one per resource, so a mutation can invalidate exactly what it changed.
import type { RunListFilters } from "@/lib/runs/filters";

export const runKeys = {
  all: ["runs"] as const,
  lists: () => [...runKeys.all, "list"] as const,
  list: (filters: RunListFilters) => [...runKeys.lists(), filters] as const,
  detail: (id: string) => [...runKeys.all, "detail", id] as const,
  metrics: (id: string) => [...runKeys.all, "metrics", id] as const,
};

export const sourceKeys = {
  all: ["sources"] as const,
  detail: (id: string) => [...sourceKeys.all, id] as const,
};

export const claimKeys = {
  all: ["claims"] as const,
  list: (disagreeing: boolean) => [...claimKeys.all, "list", disagreeing] as const,
  detail: (id: string) => [...claimKeys.all, "detail", id] as const,
};

export const catalogKeys = {
  models: ["catalog", "models"] as const,
  hardware: ["catalog", "hardware"] as const,
};
