import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";

// Row ids and timestamps in the formats Prisma writes, for rows that bulk writes build in plain JavaScript.

const BASE = 36;
const COUNTER_SPACE = BASE ** 4;
let counter = Math.floor(Math.random() * COUNTER_SPACE);
const pad = (text: string, size: number) => text.padStart(size, "0").slice(-size);
// Four characters from the process id and host name, as cuid v1 uses, so that two processes differ here too.
const fingerprint = pad(process.pid.toString(BASE), 2) + pad([...os.hostname()].reduce((sum, c) => sum + c.charCodeAt(0), os.hostname().length + BASE).toString(BASE), 2);

// Random bytes drawn 6 KB at a time: one randomBytes call per id cost ~10 µs (30 ms of a 1,000-run batch, which
// makes three ids a run), most of it the call, not the bytes.
const POOL_BYTES = 6 * 1024;
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomUint48(): number {
  if (poolOffset + 6 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const value = pool.readUIntBE(poolOffset, 6);
  poolOffset += 6;
  return value;
}

/**
 * A collision-resistant id in cuid v1's shape (what Prisma's `@default(cuid())` writes): "c", the time in ms
 * (8 base-36 digits), a per-process counter (4), a process fingerprint (4) and 8 base-36 digits from the system's
 * cryptographic random source. Ids made one after another in a process sort in creation order (time, then counter),
 * which the runs list uses to break createdAt ties.
 */
export function createId(): string {
  counter = (counter + 1) % COUNTER_SPACE;
  const random = pad((randomUint48() % BASE ** 8).toString(BASE), 8);
  return `c${pad(Date.now().toString(BASE), 8)}${pad(counter.toString(BASE), 4)}${fingerprint}${random}`;
}

/** A DateTime as Prisma's SQLite adapter stores it (ISO 8601 text with "+00:00"), so Prisma reads it back. */
export const prismaDateTime = (date: Date): string => date.toISOString().replace("Z", "+00:00");
