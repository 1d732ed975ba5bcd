import "server-only";
// Saved views: a named page plus its URL state (filters and chart settings). Anyone who can read can open one
// by id; only its owner or an admin deletes it.
import { notFound } from "@/lib/api/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Person, SavedView, SavedViewCreate } from "@/lib/schemas/collab";
import { type Actor, assertOwnerOrAdmin } from "@/lib/server/auth/permissions";
import { prisma } from "@/lib/server/db/client";
import { personSelect } from "./events";

const viewInclude = { owner: { select: personSelect } } satisfies Prisma.SavedViewInclude;
type ViewRow = Prisma.SavedViewGetPayload<{ include: typeof viewInclude }>;

function serializeView(row: ViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    path: row.path as SavedView["path"],
    query: row.query,
    url: row.query ? `${row.path}?${row.query}` : row.path,
    owner: row.owner as Person,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listViews(): Promise<SavedView[]> {
  const rows = await prisma.savedView.findMany({ include: viewInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(serializeView);
}

export async function getViewOrThrow(id: string): Promise<SavedView> {
  const row = await prisma.savedView.findUnique({ where: { id }, include: viewInclude });
  if (!row) throw notFound("View", id);
  return serializeView(row);
}

export async function createView(input: SavedViewCreate, { actor }: { actor: Actor }): Promise<SavedView> {
  // Normalised through URLSearchParams so that the stored query is always a valid query string.
  const query = new URLSearchParams(input.query).toString();
  const row = await prisma.savedView.create({ data: { name: input.name, path: input.path, query, ownerId: actor.userId }, include: viewInclude });
  return serializeView(row);
}

export async function deleteView(id: string, { actor }: { actor: Actor }): Promise<void> {
  const row = await prisma.savedView.findUnique({ where: { id }, select: { ownerId: true } });
  if (!row) throw notFound("View", id);
  assertOwnerOrAdmin(actor, row.ownerId, "view");
  await prisma.savedView.delete({ where: { id } });
}
