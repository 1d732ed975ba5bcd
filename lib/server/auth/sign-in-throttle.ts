import "server-only";
// Slows password guessing. Two limits, both counted BEFORE the slow password hash, so parallel guesses cannot all
// be checked before the first failure is recorded:
// - per username and client address: 5 failed sign-ins within 15 minutes lock that pair for 5 minutes. Keyed by
//   the pair, so an anonymous client elsewhere cannot lock a person out (their own address is unaffected);
// - per username, across addresses: after 20 failures within 15 minutes, a guesser rotating addresses gets one
//   attempt per 10 s for that username. It slows, it never locks, and an address that has signed in to the
//   username before is exempt, so the owner keeps signing in at their usual place during an attack.
// An attempt is reserved (counted as a failure) synchronously, before any await, and released on success.
// Kept in this process's memory (one server per database here); a restart clears it, which only gives a guesser
// another round. The functions are async so that a shared store (the database) can replace the maps unchanged.
import { ApiError } from "@/lib/api/errors";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 5 * 60_000;
/** Failures of one username from all addresses together within WINDOW_MS before it is slowed. */
export const USERNAME_CEILING = 20;
/** While slowed: at most one attempt per this many ms for the username, from addresses not known to it. */
export const SLOW_INTERVAL_MS = 10_000;
const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;
/** Bound on each map, so that guesses with random usernames cannot grow memory without limit. */
const MAX_ENTRIES = 50_000;

export type SignInKey = { username: string; address: string };

/** A reserved attempt: counted as a failure unless `succeeded` is called once the password matched. */
export type SignInAttempt = { succeeded(): Promise<void> };

const pairFailures = new Map<string, number[]>();
const usernameFailures = new Map<string, number[]>();
const slowedUntil = new Map<string, number>();
const knownAddresses = new Map<string, number>();

const usernameKey = (username: string) => username.trim().toLowerCase();
const pairKey = (key: SignInKey) => `${usernameKey(key.username)}\u0000${key.address}`;

function recent(map: Map<string, number[]>, key: string, now: number): number[] {
  return (map.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
}

/** Sets a key as the newest entry, dropping the oldest entries beyond MAX_ENTRIES. */
function put<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= MAX_ENTRIES) break;
    map.delete(oldest);
  }
}

function tooMany(message: string, untilMs: number, now: number): ApiError {
  const seconds = Math.max(1, Math.ceil((untilMs - now) / 1000));
  return new ApiError("too_many_requests", `${message}; try again in ${seconds} s`, undefined, { "retry-after": String(seconds) });
}

function removeOne(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  const index = list?.indexOf(at) ?? -1;
  if (list && index >= 0) list.splice(index, 1);
}

/**
 * Reserves one sign-in attempt for the username from the address, or throws 429 with Retry-After. The check and
 * the count happen together before the first await, so N parallel attempts reserve at most the allowed number.
 * `now` is a parameter for the tests.
 */
export async function reserveSignInAttempt(key: SignInKey, now = Date.now()): Promise<SignInAttempt> {
  const pair = pairKey(key);
  const username = usernameKey(key.username);
  const pairRecent = recent(pairFailures, pair, now);
  if (pairRecent.length >= MAX_FAILURES) {
    const unlockAt = pairRecent.at(-1)! + LOCK_MS;
    if (now < unlockAt) throw tooMany("Too many failed sign-ins for this username from your address", unlockAt, now);
  }
  const usernameRecent = recent(usernameFailures, username, now);
  const isKnown = (knownAddresses.get(pair) ?? -Infinity) > now - KNOWN_ADDRESS_MS;
  if (usernameRecent.length >= USERNAME_CEILING && !isKnown) {
    const nextSlot = slowedUntil.get(username) ?? 0;
    if (now < nextSlot) throw tooMany("Many failed sign-ins for this username from several addresses, so it is slowed", nextSlot, now);
    put(slowedUntil, username, now + SLOW_INTERVAL_MS);
  }
  put(pairFailures, pair, [...pairRecent, now]);
  put(usernameFailures, username, [...usernameRecent, now]);
  return {
    async succeeded() {
      // The right password: this pair starts afresh, and the address is known to the username from now on.
      pairFailures.delete(pair);
      removeOne(usernameFailures, username, now);
      put(knownAddresses, pair, now);
    },
  };
}

/** Forgets every count (tests only: each test file shares this process's maps). */
export async function resetSignInThrottle(): Promise<void> {
  for (const map of [pairFailures, usernameFailures, slowedUntil, knownAddresses]) map.clear();
}
