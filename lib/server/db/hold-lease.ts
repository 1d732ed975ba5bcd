import "server-only";
// Imported by the database client: a process that can open the database holds a lease on it until it exits, so
// that npm run db:restore refuses to replace the file under it (lib/server/db/lease.ts).
import { databaseFilePath } from "@/lib/env";
import { holdDatabaseLease } from "./lease";

holdDatabaseLease(databaseFilePath());
