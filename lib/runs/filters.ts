// Runs-table state lives in the URL so that any view can be shared by link. These helpers convert between
// the URL's search params and the API's list query, using the API's own schema.
import { type RunListQuery, runListQuerySchema } from "@/lib/schemas/run";

export type RunListFilters = Omit<RunListQuery, "cursor">;

export const DEFAULT_FILTERS: RunListFilters = runListQuerySchema.omit({ cursor: true }).parse({});

/** Filters from URL search params; invalid values fall back to their defaults rather than failing the page. */
export function filtersFromSearchParams(params: URLSearchParams | Record<string, string | string[] | undefined>): RunListFilters {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((key) => [key, params.getAll(key).join(",")] as const)
      : Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : value] as const);
  const raw: Record<string, string> = {};
  for (const [key, value] of entries) if (value) raw[key] = value;
  const schema = runListQuerySchema.omit({ cursor: true });
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Drop only the offending parameters.
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return schema.parse(Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key))));
}

/** Search params for filters, leaving out defaults so shared links stay short. */
export function filtersToSearchParams(filters: Partial<RunListFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (DEFAULT_FILTERS[key as keyof RunListFilters] === value) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return params;
}
