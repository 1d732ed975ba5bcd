import "server-only";
// Review status and the baseline flag of a run, and the history and activity read back from RunEvent.
import { notFound } from "@/lib/api/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActivityQuery, Person, Review, ReviewPut, ReviewStatus, RunEventPage } from "@/lib/schemas/collab";
import type { Actor } from "@/lib/server/auth/permissions";
import { prisma } from "@/lib/server/db/client";
import { personSelect, recordRunEvents, runEventInclude, serializeRunEvent } from "./events";

const REVIEW_KINDS = ["status", "baseline"];

async function readReview(db: Prisma.TransactionClient, runId: string): Promise<Review> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { reviewStatus: true, isBaseline: true, deletedAt: true } });
  if (!run || run.deletedAt) throw notFound("Run", runId);
  const last = await db.runEvent.findFirst({
    where: { runId, kind: { in: REVIEW_KINDS } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, actor: { select: personSelect } },
  });
  return {
    runId,
    status: run.reviewStatus as ReviewStatus,
    isBaseline: run.isBaseline,
    changedBy: (last?.actor as Person | null | undefined) ?? null,
    changedAt: last?.createdAt.toISOString() ?? null,
  };
}

export function getReview(runId: string): Promise<Review> {
  return readReview(prisma, runId);
}

/** Sets the review status and/or baseline flag; each actual change is one event, so repeating a request records nothing. */
export async function setReview(runId: string, input: ReviewPut, { actor }: { actor: Actor }): Promise<Review> {
  return prisma.$transaction(async (tx) => {
    const before = await readReview(tx, runId);
    const data: Prisma.RunUpdateInput = {};
    const events: Parameters<typeof recordRunEvents>[1] = [];
    if (input.status !== undefined && input.status !== before.status) {
      data.reviewStatus = input.status;
      events.push({ runId, actorId: actor.userId, kind: "status", field: "reviewStatus", oldValue: before.status, newValue: input.status });
    }
    if (input.isBaseline !== undefined && input.isBaseline !== before.isBaseline) {
      data.isBaseline = input.isBaseline;
      events.push({ runId, actorId: actor.userId, kind: "baseline", field: "isBaseline", oldValue: before.isBaseline, newValue: input.isBaseline });
    }
    if (!events.length) return before;
    await tx.run.update({ where: { id: runId }, data });
    await recordRunEvents(tx, events);
    return readReview(tx, runId);
  });
}

/** Every event of one run, oldest first: the timeline on the run page. Deleted runs' history is for admins. */
export async function listRunHistory(runId: string, options: { includeDeleted?: boolean } = {}): Promise<RunEventPage> {
  const run = await prisma.run.findUnique({ where: { id: runId }, select: { deletedAt: true } });
  if (!run || (run.deletedAt && !options.includeDeleted)) throw notFound("Run", runId);
  const rows = await prisma.runEvent.findMany({ where: { runId }, include: runEventInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return { items: rows.map(serializeRunEvent), nextCursor: null };
}

/** Most comments a mentions filter looks through: the newest that mention the person. */
const MAX_MENTIONING_COMMENTS = 500;

/** Ids of the newest comments whose stored mentions name this username exactly. */
async function commentsMentioning(username: string): Promise<string[]> {
  // `contains` narrows in SQL (where _ is a wildcard); the JSON list is then checked exactly.
  const rows = await prisma.comment.findMany({
    where: { mentions: { contains: JSON.stringify(username) } },
    select: { id: true, mentions: true },
    orderBy: { createdAt: "desc" },
    take: MAX_MENTIONING_COMMENTS,
  });
  return rows.filter((row) => (JSON.parse(row.mentions) as string[]).includes(username)).map((row) => row.id);
}

/**
 * The team's recent activity, newest first, across live runs; filterable by person (username), by who a comment
 * mentions, and by kind.
 * The cursor is the id of the last event of the previous page.
 */
export async function listActivity(query: ActivityQuery): Promise<RunEventPage> {
  const where: Prisma.RunEventWhereInput = { run: { deletedAt: null } };
  if (query.user) where.actor = { username: query.user };
  if (query.kind?.length) where.kind = { in: query.kind };
  if (query.mentions) {
    // A comment event's newValue is {"commentId":"…",…}, written by JSON.stringify with commentId first.
    const ids = await commentsMentioning(query.mentions);
    if (!ids.length) return { items: [], nextCursor: null };
    where.AND = [{ kind: "comment" }, { OR: ids.map((id) => ({ newValue: { startsWith: `{"commentId":${JSON.stringify(id)}` } })) }];
  }
  const rows = await prisma.runEvent.findMany({
    where,
    include: runEventInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, query.limit).map(serializeRunEvent);
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}
