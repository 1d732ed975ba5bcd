import "server-only";
import { ApiError, notFound } from "@/lib/api/errors";
import { prisma } from "@/lib/server/db/client";
import type { User, UserCreate, UserPatch } from "@/lib/schemas/auth";
import { hashPassword, verifyPassword } from "./passwords";

type UserRow = { id: string; username: string; name: string; role: string; createdAt: Date };

export function serializeUser(row: UserRow): User {
  return { id: row.id, username: row.username, name: row.name, role: row.role as User["role"], createdAt: row.createdAt.toISOString() };
}

export async function listUsers(): Promise<User[]> {
  return (await prisma.user.findMany({ orderBy: { username: "asc" } })).map(serializeUser);
}

export async function createUser(input: UserCreate): Promise<User> {
  const existing = await prisma.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (existing) throw new ApiError("conflict", `username '${input.username}' is taken`);
  const { password, ...fields } = input;
  return serializeUser(await prisma.user.create({ data: { ...fields, passwordHash: await hashPassword(password) } }));
}

export async function updateUser(id: string, patch: UserPatch): Promise<User> {
  const existing = await prisma.user.findUnique({ where: { id } });
  if (!existing) throw notFound("User", id);
  // Keep at least one admin, or nobody could manage users again.
  if (existing.role === "admin" && patch.role && patch.role !== "admin" && (await prisma.user.count({ where: { role: "admin" } })) === 1) {
    throw new ApiError("conflict", "This is the last admin; make someone else admin first");
  }
  return serializeUser(await prisma.user.update({ where: { id }, data: patch }));
}

/** The user whose username and password match, or null; the same answer for an unknown user and a wrong password. */
export async function authenticate(username: string, password: string): Promise<User | null> {
  const row = await prisma.user.findUnique({ where: { username } });
  if (!row || !(await verifyPassword(password, row.passwordHash))) return null;
  return serializeUser(row);
}

export async function getUserOrThrow(id: string): Promise<User> {
  const row = await prisma.user.findUnique({ where: { id } });
  if (!row) throw notFound("User", id);
  return serializeUser(row);
}
