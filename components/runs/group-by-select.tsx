"use client";

export type GroupBySelectProps = { value: string[]; onChange: (next: string[]) => void };

/** CONTRACT STUB (issue 13): picks up to MAX_GROUP_FIELDS fields to group the runs table by. */
export function GroupBySelect(_props: GroupBySelectProps) {
  return null;
}
