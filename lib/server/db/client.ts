import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { absoluteDatabaseUrl } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process; kept on globalThis so that dev-server reloads do not open a new connection each time.
const globalForPrisma = globalThis as unknown as { tuneboardPrisma?: PrismaClient };

export const prisma: PrismaClient =
  globalForPrisma.tuneboardPrisma ?? new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: absoluteDatabaseUrl() }) });

if (process.env.NODE_ENV !== "production") globalForPrisma.tuneboardPrisma = prisma;
