-- Written by hand (issue 12): indexes that serve the runs list's score sorts on PostgreSQL. listRuns
-- (lib/server/runs/read-runs.ts) orders by `"mtBench" <ASC|DESC> NULLS LAST, id COLLATE "C" <ASC|DESC>` (mmlu alike),
-- the id compared bytewise so both engines page alike. No index served that order (Run_compare_mtbench_idx is the
-- charts': the id is not its next column, nor in the "C" collation), so PostgreSQL sorted every live run for each
-- page: 160 ms at 100,000 runs against SQLite's 5. With these a page reads its 51 index entries (an index-only
-- scan; "deletedAt" is included for the live-runs condition every list has).
--
-- A B-tree read backwards turns NULLS LAST into NULLS FIRST, so each direction needs its own index. SQLite answers
-- these sorts from the indexes it has, so prisma/schema.prisma does not change; PostgreSQL migrations are diffed
-- schema to schema (scripts/db-new-migration.mts), so no later migration drops them.
CREATE INDEX "Run_list_mtBench_desc_idx" ON "Run" ("mtBench" DESC NULLS LAST, "id" COLLATE "C" DESC) INCLUDE ("deletedAt");
CREATE INDEX "Run_list_mtBench_asc_idx" ON "Run" ("mtBench" ASC NULLS LAST, "id" COLLATE "C" ASC) INCLUDE ("deletedAt");
CREATE INDEX "Run_list_mmlu_desc_idx" ON "Run" ("mmlu" DESC NULLS LAST, "id" COLLATE "C" DESC) INCLUDE ("deletedAt");
CREATE INDEX "Run_list_mmlu_asc_idx" ON "Run" ("mmlu" ASC NULLS LAST, "id" COLLATE "C" ASC) INCLUDE ("deletedAt");
