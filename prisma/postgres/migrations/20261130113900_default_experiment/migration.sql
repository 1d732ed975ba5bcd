-- Written by hand (issue 12). MLflow's default experiment: id "0", which clients use when they name none, and the
-- default of "Run"."experimentId". The SQLite migration 20261130022046_experiments_params_artifacts inserts it as
-- data; the PostgreSQL init migration is diffed from the schema, which holds no rows, so it is inserted here.
-- Prisma stores DateTime as UTC in TIMESTAMP(3) columns, hence the explicit time zone.
INSERT INTO "Experiment" ("id", "name", "description", "createdAt", "updatedAt")
VALUES ('0', 'Default', 'Runs logged without an experiment', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
ON CONFLICT ("id") DO NOTHING;
