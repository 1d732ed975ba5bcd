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

/**
 * A collision-resistant id in cuid v1's shape (what Prisma's `@default(cuid())` writes): "c", the time in ms
 * (8 base-36 digits), a per-process counter (4), a process fingerprint (4) and 8 base-36 digits from the system's
 * cryptographic random source. Ids made one after another in a process sort in creation order (time, then counter),
 * which the runs list uses to break createdAt ties.
 */
export function createId(): string {
  counter = (counter + 1) % COUNTER_SPACE;
  const random = pad((randomBytes(6).readUIntBE(0, 6) % BASE ** 8).toString(BASE), 8);
  return `c${pad(Date.now().toString(BASE), 8)}${pad(counter.toString(BASE), 4)}${fingerprint}${random}`;
}

/** A DateTime as Prisma's SQLite adapter stores it (ISO 8601 text with "+00:00"), so Prisma reads it back. */
export const prismaDateTime = (date: Date): string => date.toISOString().replace("Z", "+00:00");
