import "server-only";
// Imported by the database client: a process that can open the database holds a lease on it until it exits, so
// that npm run db:restore refuses to replace the file under it (lib/server/db/lease.ts).
// A PostgreSQL server is restored with pg_restore, which takes its own locks: no lease there.
import { databaseFilePath, databaseProvider } from "@/lib/env";
import { holdDatabaseLease } from "./lease";

if (databaseProvider() === "sqlite") holdDatabaseLease(databaseFilePath());
