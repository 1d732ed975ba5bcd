"use client";
import type { RunListFilters } from "@/lib/runs/filters";

export type RunGroupsProps = {
  filters: RunListFilters;
  /** Fields to group by (GROUP_FIELDS or param:<key>), from the page's `group=` URL parameter. */
  by: string[];
  /** The table's current column ids, so a group's expanded runs show the same columns. */
  columns: string[];
};

/** CONTRACT STUB (issue 13): the grouped runs table (count, mean ± std, min and max per outcome; groups expand to their runs). */
export function RunGroups({ by }: RunGroupsProps) {
  return <p className="muted small" data-testid="run-groups">Grouped by {by.join(", ")}</p>;
}
