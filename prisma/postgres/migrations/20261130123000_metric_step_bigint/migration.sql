-- Written by hand (issue 12). MLflow's steps are 64-bit (lib/mlflow/requests.ts: int64), and some clients log a
-- timestamp as the step. Prisma's Int is a 64-bit INTEGER on SQLite but a 32-bit integer on PostgreSQL, where a step
-- past 2,147,483,647 failed with "out of range for type integer". The column is widened here; the model keeps Int
-- (both providers' schemas must match, and the client reads a step as a number on either), and steps stay exact to
-- 2^53 in JavaScript. PostgreSQL migrations are diffed schema to schema (scripts/db-new-migration.mts), so no later
-- migration narrows it back.
ALTER TABLE "MetricPoint" ALTER COLUMN "step" TYPE BIGINT;
