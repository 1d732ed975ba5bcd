// Runs-table state lives in the URL so that any view can be shared by link. These helpers convert between
// the URL's search params and the API's list query, using the API's own schema.
import { groupKeySchema, MAX_GROUP_FIELDS } from "@/lib/schemas/run-table";
import { type RunListQuery, runListQuerySchema } from "@/lib/schemas/run";
import { DEFAULT_COLUMNS, columnsFromParam, extraColumnIds } from "./columns";

export type RunListFilters = Omit<RunListQuery, "cursor">;

export const DEFAULT_FILTERS: RunListFilters = runListQuerySchema.omit({ cursor: true }).parse({});

/** URL parameters that are not list filters: the table's columns and grouping, read by runsViewFromSearchParams. */
const VIEW_PARAMS = new Set(["columns", "ids", "group"]);

function rawEntries(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((key) => [key, params.getAll(key).join(",")] as const)
      : Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : value] as const);
  const raw: Record<string, string> = {};
  for (const [key, value] of entries) if (value) raw[key] = value;
  return raw;
}

/**
 * The list query for URL search params: the filters and sort (invalid values fall back to their defaults rather than
 * failing the page), and `columns` narrowed to the param, tag and metric columns the table shows, which are the only
 * ones the API must add values for. The runs page's server prefetch and its client hook both build their query key
 * from this, so the two agree.
 */
export function filtersFromSearchParams(params: URLSearchParams | Record<string, string | string[] | undefined>): RunListFilters {
  const raw = rawEntries(params);
  const filterRaw = Object.fromEntries(Object.entries(raw).filter(([key]) => !VIEW_PARAMS.has(key)));
  const schema = runListQuerySchema.omit({ cursor: true, columns: true, ids: true });
  const parsed = schema.safeParse(filterRaw);
  // Drop only the offending parameters.
  const bad = parsed.success ? new Set<string>() : new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const filters: RunListFilters = parsed.success ? parsed.data : schema.parse(Object.fromEntries(Object.entries(filterRaw).filter(([key]) => !bad.has(key))));
  const extra = extraColumnIds(columnsFromParam(raw.columns));
  return extra.length ? { ...filters, columns: extra } : filters;
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

/** The whole runs-page state in the URL: filters and sort, the table's columns (name first) and the grouping. */
export type RunsView = { filters: RunListFilters; columns: string[]; group: string[] };

export function runsViewFromSearchParams(params: URLSearchParams): RunsView {
  const group = (params.get("group") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((id) => groupKeySchema.safeParse(id).success);
  return { filters: filtersFromSearchParams(params), columns: columnsFromParam(params.get("columns")), group: [...new Set(group)].slice(0, MAX_GROUP_FIELDS) };
}

/** The URL of a runs view; the default columns and no grouping leave their parameters out. */
export function runsViewToSearchParams(view: RunsView): URLSearchParams {
  const { columns: _extra, ids: _ids, ...filters } = view.filters;
  const params = filtersToSearchParams(filters);
  const isDefault = view.columns.length === DEFAULT_COLUMNS.length && view.columns.every((id, i) => id === DEFAULT_COLUMNS[i]);
  if (!isDefault) params.set("columns", view.columns.join(","));
  if (view.group.length) params.set("group", view.group.join(","));
  return params;
}
