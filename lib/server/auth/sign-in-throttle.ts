import "server-only";
// Slows password guessing. Two limits, both counted BEFORE the slow password hash, so parallel guesses cannot all
// be checked before the first failure is recorded:
// - per username and client address: 5 failed sign-ins within 15 minutes lock that pair for 5 minutes. Keyed by
//   the pair, so an anonymous client elsewhere cannot lock a person out (their own address is unaffected);
// - per username, across addresses: after 20 failures within 15 minutes, a guesser rotating addresses gets one
//   attempt per 10 s for that username. It slows, it never locks, and an address that has signed in to the
//   username before is exempt, so the owner keeps signing in at their usual place during an attack.
// An attempt is reserved (recorded as a failure) before the hash, and released on success.
// Kept in the database (SignInFailure, SignInUsername, SignInKnownAddress), not in this process's memory, so that
// several app instances on one database count the same guesses (issue 12): a guesser spreading attempts over the
// instances behind one address gets no more than from one. Each reservation first writes the username's row, which
// on PostgreSQL locks that row and on SQLite takes the write lock, so the check and the count of parallel attempts,
// in any instance, happen one at a time. Rows older than their window are pruned.
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/server/db/client";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 5 * 60_000;
/** Failures of one username from all addresses together within WINDOW_MS before it is slowed. */
export const USERNAME_CEILING = 20;
/** While slowed: at most one attempt per this many ms for the username, from addresses not known to it. */
export const SLOW_INTERVAL_MS = 10_000;
const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;
/** How often one instance deletes every username's expired rows (each reservation deletes its own username's). */
const PRUNE_EVERY_MS = 60_000;
/** Parallel attempts for one username wait for each other's short transaction; a pool's worth may queue. */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

export type SignInKey = { username: string; address: string };

/** A reserved attempt: counted as a failure unless `succeeded` is called once the password matched. */
export type SignInAttempt = { succeeded(): Promise<void> };

const usernameKey = (username: string) => username.trim().toLowerCase();

function tooMany(message: string, untilMs: number, now: number): ApiError {
  const seconds = Math.max(1, Math.ceil((untilMs - now) / 1000));
  return new ApiError("too_many_requests", `${message}; try again in ${seconds} s`, undefined, { "retry-after": String(seconds) });
}

/** Only a bound on the pruning work; which rows are expired is decided by their times, not by this. */
let lastPrunedAt = -Infinity;

/**
 * Deletes every row past its window: failures and idle usernames after 15 minutes, known addresses after 30 days.
 * Three short statements, no transaction (each stands alone), so that it waits for a pooled connection as any query
 * does, never for a transaction slot; a failure is logged, not the sign-in's: the next prune catches up.
 */
async function pruneExpired(now: number): Promise<void> {
  lastPrunedAt = now;
  try {
    await prisma.signInFailure.deleteMany({ where: { atMs: { lte: now - WINDOW_MS } } });
    await prisma.signInUsername.deleteMany({ where: { touchedMs: { lte: now - WINDOW_MS }, slowedUntilMs: { lte: now } } });
    await prisma.signInKnownAddress.deleteMany({ where: { atMs: { lte: now - KNOWN_ADDRESS_MS } } });
  } catch (error) {
    console.error("sign-in throttle: pruning expired rows failed", error);
  }
}

/**
 * Reserves one sign-in attempt for the username from the address, or throws 429 with Retry-After. The check and
 * the count happen in one transaction that holds the username's row, so N parallel attempts (in this instance or
 * others) reserve at most the allowed number. `now` is a parameter for the tests.
 */
export async function reserveSignInAttempt(key: SignInKey, now = Date.now()): Promise<SignInAttempt> {
  const username = usernameKey(key.username);
  const { address } = key;
  const since = now - WINDOW_MS;
  const failureId = await prisma.$transaction(async (tx) => {
    // The first statement writes: it holds the username (PostgreSQL row lock; SQLite's write lock, taken before any
    // read so that no other process's commit can slip between this transaction's reads and its writes).
    await tx.$executeRaw`INSERT INTO "SignInUsername" ("username", "slowedUntilMs", "touchedMs") VALUES (${username}, 0, ${now})
      ON CONFLICT ("username") DO UPDATE SET "touchedMs" = excluded."touchedMs"`;
    const pairWhere = { username, address, pairCleared: false, atMs: { gt: since } };
    const pairCount = await tx.signInFailure.count({ where: pairWhere });
    if (pairCount >= MAX_FAILURES) {
      const newest = await tx.signInFailure.findFirst({ where: pairWhere, orderBy: [{ atMs: "desc" }], select: { atMs: true } });
      const unlockAt = newest!.atMs + LOCK_MS;
      if (now < unlockAt) throw tooMany("Too many failed sign-ins for this username from your address", unlockAt, now);
    }
    const usernameCount = await tx.signInFailure.count({ where: { username, atMs: { gt: since } } });
    if (usernameCount >= USERNAME_CEILING) {
      const known = await tx.signInKnownAddress.findUnique({ where: { username_address: { username, address } }, select: { atMs: true } });
      if (!known || known.atMs <= now - KNOWN_ADDRESS_MS) {
        const { slowedUntilMs } = await tx.signInUsername.findUniqueOrThrow({ where: { username }, select: { slowedUntilMs: true } });
        if (now < slowedUntilMs) throw tooMany("Many failed sign-ins for this username from several addresses, so it is slowed", slowedUntilMs, now);
        await tx.signInUsername.update({ where: { username }, data: { slowedUntilMs: now + SLOW_INTERVAL_MS } });
      }
    }
    return (await tx.signInFailure.create({ data: { username, address, atMs: now }, select: { id: true } })).id;
  }, TRANSACTION_OPTIONS);
  if (now - lastPrunedAt >= PRUNE_EVERY_MS) await pruneExpired(now);
  return {
    async succeeded() {
      // The right password: this pair starts afresh (its earlier failures still count for the username), this
      // attempt is no failure, and the address is known to the username from now on.
      await prisma.$transaction(async (tx) => {
        await tx.signInFailure.deleteMany({ where: { id: failureId } });
        await tx.signInFailure.updateMany({ where: { username, address, pairCleared: false }, data: { pairCleared: true } });
        await tx.signInKnownAddress.upsert({ where: { username_address: { username, address } }, create: { username, address, atMs: now }, update: { atMs: now } });
      }, TRANSACTION_OPTIONS);
    },
  };
}

/** Forgets every count (tests only: each test file shares one database). */
export async function resetSignInThrottle(): Promise<void> {
  lastPrunedAt = -Infinity;
  await prisma.$transaction([prisma.signInFailure.deleteMany(), prisma.signInUsername.deleteMany(), prisma.signInKnownAddress.deleteMany()]);
}
