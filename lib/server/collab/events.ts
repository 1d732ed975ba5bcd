import "server-only";
// Run history: every write to a run records its events in the same transaction, so a change and its record
// cannot part. The run page's timeline and the team's activity feed read these rows.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Person, RunEvent, RunEventKind } from "@/lib/schemas/collab";

export type EventInput = {
  runId: string;
  actorId: string | null | undefined;
  kind: RunEventKind;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
};

/** Old and new values are stored as JSON text; undefined (no value) is stored as null. */
const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** An event's stored columns (id and time left to the writer): one shape for Prisma and the bulk writer alike. */
export function runEventColumns(event: EventInput) {
  return {
    runId: event.runId,
    actorId: event.actorId ?? null,
    kind: event.kind,
    field: event.field ?? null,
    oldValue: toJson(event.oldValue),
    newValue: toJson(event.newValue),
  };
}

export async function recordRunEvents(tx: Prisma.TransactionClient, events: EventInput[]): Promise<void> {
  if (!events.length) return;
  await tx.runEvent.createMany({ data: events.map(runEventColumns) });
}

/** Fields of a serialized run whose values differ, compared as JSON (arrays and nulls included). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, ignore: ReadonlySet<string>): EventInput[] {
  const changes: Omit<EventInput, "runId" | "actorId">[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.has(field)) continue;
    const oldValue = before[field] ?? null;
    const newValue = after[field] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) changes.push({ kind: "updated", field, oldValue, newValue });
  }
  return changes as EventInput[];
}

export const personSelect = { id: true, username: true, name: true } satisfies Prisma.UserSelect;

export const runEventInclude = {
  actor: { select: personSelect },
  run: { select: { name: true } },
} satisfies Prisma.RunEventInclude;

type RunEventRow = Prisma.RunEventGetPayload<{ include: typeof runEventInclude }>;

const fromJson = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

export function serializeRunEvent(row: RunEventRow): RunEvent {
  return {
    id: row.id,
    runId: row.runId,
    runName: row.run.name,
    kind: row.kind as RunEventKind,
    field: row.field,
    oldValue: fromJson(row.oldValue),
    newValue: fromJson(row.newValue),
    actor: row.actor as Person | null,
    createdAt: row.createdAt.toISOString(),
  };
}
