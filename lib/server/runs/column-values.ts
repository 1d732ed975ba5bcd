import "server-only";
import type { ColumnRef } from "@/lib/runs/columns";
import type { ColumnValue } from "@/lib/schemas/run";

export type ExtraColumnRef = Exclude<ColumnRef, { kind: "field" }>;

/**
 * The value of each raw or metric column for each of the given runs (at most one page: ids go in an IN list), by
 * run id and then column id. A run without the param, tag or metric gets { value: null, step: null }.
 * CONTRACT STUB (issue 13): implemented by the columns work.
 */
export async function loadColumnValues(runIds: readonly string[], refs: readonly ExtraColumnRef[]): Promise<Map<string, Record<string, ColumnValue>>> {
  const empty: Record<string, ColumnValue> = Object.fromEntries(refs.map((ref) => [ref.id, { value: null, step: null }]));
  return new Map(runIds.map((id) => [id, { ...empty }]));
}
