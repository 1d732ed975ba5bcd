// Post-processing of the SQL that Prisma's migration diff writes (scripts/db-new-migration.mts), for what the
// schema language cannot express and the diff therefore does not know about: triggers written by hand in a
// migration (the full-text index's, 20261130081400_run_search).

export type TriggerDefinition = { name: string; table: string; sql: string };

/**
 * Prisma changes a SQLite table it cannot ALTER by redefining it: CREATE TABLE "new_T", INSERT INTO "new_T" …
 * SELECT … FROM "T", DROP TABLE "T", ALTER TABLE "new_T" RENAME TO "T". With hand-written triggers that breaks
 * twice: dropping "T" drops the triggers on it, and the RENAME fails ("error in trigger …: no such table: main.T")
 * while any trigger elsewhere names "T", since SQLite checks every trigger when a table is renamed. So when a
 * redefined table has triggers or is named in one, those triggers are dropped before the migration and written
 * again after it, followed by `afterwards` (the full-text index's rebuild: the copy may renumber rowids, which key
 * the runs' documents). SQL that redefines no such table is returned exactly as Prisma wrote it.
 */
export function keepTriggersAcrossRedefinitions(sql: string, triggers: readonly TriggerDefinition[], afterwards = ""): string {
  const redefined = [...sql.matchAll(/ALTER TABLE "new_([^"]+)" RENAME TO "\1";/g)].map((match) => match[1]!);
  const involved = triggers.filter((trigger) => redefined.some((table) => trigger.table === table || trigger.sql.includes(`"${table}"`)));
  if (involved.length === 0) return sql;
  const names = redefined.filter((table) => involved.some((trigger) => trigger.table === table || trigger.sql.includes(`"${table}"`)));
  return [
    `-- Added by scripts/db-new-migration.mts: the hand-written triggers on or naming ${names.map((table) => `"${table}"`).join(", ")}, which this`,
    "-- migration redefines, are dropped first and written again at the end (see lib/server/db/migration-sql.ts).",
    ...involved.map((trigger) => `DROP TRIGGER IF EXISTS "${trigger.name}";`),
    "",
    sql.trimEnd(),
    "",
    "-- Added by scripts/db-new-migration.mts: the triggers dropped above.",
    ...involved.map((trigger) => `${trigger.sql.trim()};`),
    ...(afterwards.trim() ? ["", afterwards.trim()] : []),
    "",
  ].join("\n");
}
