import "server-only";
// Comments on runs. The author may edit or delete their own; an admin may edit or delete anyone's. Bodies are
// stored as written and rendered on the way out (lib/collab/markdown.ts), so the renderer's rules apply to old
// comments too.
import { notFound } from "@/lib/api/errors";
import { excerpt } from "@/lib/collab/excerpt";
import { findMentionCandidates, renderCommentMarkdown } from "@/lib/collab/markdown";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Comment, CommentInput, Person } from "@/lib/schemas/collab";
import { type Actor, assertOwnerOrAdmin } from "@/lib/server/auth/permissions";
import { prisma } from "@/lib/server/db/client";
import { personSelect, recordRunEvents } from "./events";

const commentInclude = { author: { select: personSelect } } satisfies Prisma.CommentInclude;
type CommentRow = Prisma.CommentGetPayload<{ include: typeof commentInclude }>;

function serializeComment(row: CommentRow): Comment {
  const mentions = JSON.parse(row.mentions) as string[];
  return {
    id: row.id,
    runId: row.runId,
    author: row.author as Person,
    body: row.body,
    html: renderCommentMarkdown(row.body, mentions),
    mentions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The @usernames in a body that name existing people; unknown names stay plain text. */
async function resolveMentions(db: Prisma.TransactionClient, body: string): Promise<string[]> {
  const candidates = findMentionCandidates(body);
  if (!candidates.length) return [];
  const users = await db.user.findMany({ where: { username: { in: candidates } }, select: { username: true } });
  const known = new Set(users.map((user) => user.username));
  return candidates.filter((name) => known.has(name));
}

async function assertLiveRun(db: Prisma.TransactionClient, runId: string): Promise<void> {
  if (!(await db.run.count({ where: { id: runId, deletedAt: null } }))) throw notFound("Run", runId);
}

export async function listComments(runId: string): Promise<Comment[]> {
  await assertLiveRun(prisma, runId);
  const rows = await prisma.comment.findMany({ where: { runId, deletedAt: null }, include: commentInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(serializeComment);
}

export async function createComment(runId: string, input: CommentInput, { actor }: { actor: Actor }): Promise<Comment> {
  return prisma.$transaction(async (tx) => {
    await assertLiveRun(tx, runId);
    const mentions = await resolveMentions(tx, input.body);
    const row = await tx.comment.create({
      data: { runId, authorId: actor.userId, body: input.body, mentions: JSON.stringify(mentions) },
      include: commentInclude,
    });
    await recordRunEvents(tx, [{ runId, actorId: actor.userId, kind: "comment", newValue: { commentId: row.id, excerpt: excerpt(input.body) } }]);
    return serializeComment(row);
  });
}

/** The comment, if the actor may change it: 404 when gone, 403 for another member's comment. */
async function findEditableComment(tx: Prisma.TransactionClient, id: string, actor: Actor): Promise<CommentRow> {
  const row = await tx.comment.findUnique({ where: { id }, include: commentInclude });
  if (!row || row.deletedAt) throw notFound("Comment", id);
  assertOwnerOrAdmin(actor, row.authorId, "comment");
  return row;
}

/** Edits a comment; the run's history keeps both bodies in full, so an edit cannot rewrite what was said. */
export async function updateComment(id: string, input: CommentInput, { actor }: { actor: Actor }): Promise<Comment> {
  return prisma.$transaction(async (tx) => {
    const before = await findEditableComment(tx, id, actor);
    if (before.body === input.body) return serializeComment(before);
    const mentions = await resolveMentions(tx, input.body);
    const row = await tx.comment.update({ where: { id }, data: { body: input.body, mentions: JSON.stringify(mentions) }, include: commentInclude });
    await recordRunEvents(tx, [
      { runId: row.runId, actorId: actor.userId, kind: "comment_edited", oldValue: { commentId: id, body: before.body }, newValue: { commentId: id, body: input.body } },
    ]);
    return serializeComment(row);
  });
}

/** Soft-deletes a comment: it leaves the thread, and the run's history keeps its body and who removed it. */
export async function deleteComment(id: string, { actor }: { actor: Actor }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await findEditableComment(tx, id, actor);
    await tx.comment.update({ where: { id }, data: { deletedAt: new Date() } });
    await recordRunEvents(tx, [{ runId: before.runId, actorId: actor.userId, kind: "comment_deleted", oldValue: { commentId: id, body: before.body } }]);
  });
}
