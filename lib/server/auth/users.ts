import "server-only";
import { ApiError, invalidFields, notFound } from "@/lib/api/errors";
import { isPostgres, prisma } from "@/lib/server/db/client";
import type { PasswordChange, SignIn, User, UserCreate, UserPatch } from "@/lib/schemas/auth";
import type { Person } from "@/lib/schemas/collab";
import type { Actor } from "./actor";
import { hashPassword, verifyPassword } from "./passwords";
import { reserveSignInAttempt } from "./sign-in-throttle";

type UserRow = { id: string; username: string; name: string; role: string; createdAt: Date; disabledAt: Date | null };

export function serializeUser(row: UserRow): User {
  return { id: row.id, username: row.username, name: row.name, role: row.role as User["role"], disabled: row.disabledAt !== null, createdAt: row.createdAt.toISOString() };
}

/** PostgreSQL advisory lock key under which admins' changes to people queue (any constant unused elsewhere). */
const USER_ROLES_LOCK = 7_200_412;

/** Compared against when the username is unknown, so that a wrong username costs as long as a wrong password. */
let dummyHash: Promise<string> | undefined;

export async function listUsers(): Promise<User[]> {
  return (await prisma.user.findMany({ orderBy: { username: "asc" } })).map(serializeUser);
}

/** Everyone as other people's records show them (no role, no status): for the activity filter and mentions. */
export async function listPeople(): Promise<Person[]> {
  return prisma.user.findMany({ select: { id: true, username: true, name: true }, orderBy: { name: "asc" } });
}

export async function createUser(input: UserCreate): Promise<User> {
  const existing = await prisma.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (existing) throw new ApiError("conflict", `username '${input.username}' is taken`);
  const { password, ...fields } = input;
  return serializeUser(await prisma.user.create({ data: { ...fields, passwordHash: await hashPassword(password) } }));
}

/**
 * An admin changes a person: name, role, a new password (which ends their sessions) or disabled (which ends their
 * sessions; their tokens are refused while it lasts). One admin must stay enabled, or nobody could manage users:
 * that check and the write happen under SQLite's write lock (PostgreSQL: with every enabled admin's row locked), so
 * two admins demoting each other at once (in this process or another instance) leave one.
 */
export async function updateUser(id: string, patch: UserPatch, { actor }: { actor: Actor }): Promise<User> {
  if (patch.disabled && id === actor.userId) throw new ApiError("conflict", "You cannot disable yourself; ask another admin");
  const { password, disabled, ...fields } = patch;
  // Hashed before the transaction: the slow hash must not hold the write lock.
  const passwordHash = password !== undefined ? await hashPassword(password) : undefined;
  return prisma.$transaction(async (tx) => {
    // Prisma opens SQLite transactions deferred (BEGIN); writing first takes the write lock, as BEGIN IMMEDIATE would,
    // so the row and the admin count read below cannot change before this transaction commits. Every other writer,
    // in any process, waits (busy timeout) and then sees this one's result.
    // PostgreSQL locks rows, not the database: these changes queue on one transaction-scoped advisory lock (in every
    // instance; row locks taken in differing orders would deadlock), then lock every enabled admin, which waits for
    // any other writer that changed one to commit. Each statement then reads the latest commits (READ COMMITTED),
    // so the count below is exact until this transaction commits.
    if (isPostgres) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_ROLES_LOCK})`;
      await tx.$executeRaw`SELECT "id" FROM "User" WHERE "role" = 'admin' AND "disabledAt" IS NULL FOR UPDATE`;
    }
    if ((await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "id" = ${id}`) === 0) throw notFound("User", id);
    const existing = await tx.user.findUniqueOrThrow({ where: { id } });
    const losesAdmin = existing.role === "admin" && !existing.disabledAt && ((fields.role && fields.role !== "admin") || disabled === true);
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", disabledAt: null } })) <= 1) {
      throw new ApiError("conflict", "This is the last admin; make someone else admin first");
    }
    const data = {
      ...fields,
      ...(passwordHash !== undefined ? { passwordHash } : {}),
      ...(disabled !== undefined ? { disabledAt: disabled ? (existing.disabledAt ?? new Date()) : null } : {}),
    };
    if (password !== undefined || disabled) await tx.session.deleteMany({ where: { userId: id } });
    return serializeUser(await tx.user.update({ where: { id }, data }));
    // Concurrent changes queue for the lock, each holding a pooled connection (PostgreSQL): a few may wait behind many.
  }, { maxWait: 15_000, timeout: 15_000 });
}

/**
 * The user whose username and password match, or null: the same answer, after the same slow hash, for an unknown
 * user and a wrong password. A disabled person with the right password is told so. The attempt is counted before
 * the hash (sign-in-throttle.ts), so parallel guesses are refused, not all checked.
 */
export async function authenticate(input: SignIn, { address }: { address: string }): Promise<User | null> {
  const attempt = await reserveSignInAttempt({ username: input.username, address });
  const row = await prisma.user.findUnique({ where: { username: input.username } });
  const matches = await verifyPassword(input.password, row?.passwordHash ?? (await (dummyHash ??= hashPassword("not-a-real-password"))));
  if (!row || !matches) return null;
  await attempt.succeeded();
  if (row.disabledAt) throw new ApiError("forbidden", "This account is disabled; ask an admin");
  return serializeUser(row);
}

/** Changes the caller's own password after checking the current one; their other sessions end. */
export async function changePassword(input: PasswordChange, { actor, keepSessionId }: { actor: Actor; keepSessionId: string | null }): Promise<void> {
  const row = await prisma.user.findUnique({ where: { id: actor.userId } });
  if (!row) throw notFound("User", actor.userId);
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) throw invalidFields([{ path: "currentPassword", message: "is not your current password" }]);
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: row.id }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId: row.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } }),
  ]);
}

export async function getUserOrThrow(id: string): Promise<User> {
  const row = await prisma.user.findUnique({ where: { id } });
  if (!row) throw notFound("User", id);
  return serializeUser(row);
}
