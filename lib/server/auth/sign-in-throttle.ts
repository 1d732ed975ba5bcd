import "server-only";
// Slows password guessing against one username: after 5 failed sign-ins within 15 minutes, that username is
// refused for 5 minutes whatever the password. Kept in this process's memory (one server per database here);
// a restart clears it, which only gives a guesser another 5 tries.
import { ApiError } from "@/lib/api/errors";

export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 5 * 60_000;

const failures = new Map<string, number[]>();
const keyOf = (username: string) => username.trim().toLowerCase();

/** Throws 429 with Retry-After while the username is locked; `now` is a parameter for the tests. */
export function assertSignInAllowed(username: string, now = Date.now()): void {
  const recent = (failures.get(keyOf(username)) ?? []).filter((at) => now - at < WINDOW_MS);
  if (recent.length < MAX_FAILURES) return;
  const unlockAt = recent.at(-1)! + LOCK_MS;
  if (now >= unlockAt) return;
  const seconds = Math.ceil((unlockAt - now) / 1000);
  throw new ApiError("too_many_requests", `Too many failed sign-ins for this username; try again in ${seconds} s`, undefined, { "retry-after": String(seconds) });
}

export function recordSignInFailure(username: string, now = Date.now()): void {
  const key = keyOf(username);
  failures.set(key, [...(failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS), now]);
}

export function clearSignInFailures(username: string): void {
  failures.delete(keyOf(username));
}
