// The one place that reads the environment. Paths are resolved against the working directory, which is the
// repository root for every npm script, the tests and `next start`.
import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  /** A SQLite file (the default) or a PostgreSQL server (issue 12: a team server); the URL's scheme picks the engine. */
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "DATABASE_URL must be a SQLite file URL such as file:./data/tuneboard.db or a PostgreSQL URL such as postgresql://user:pass@host:5432/tuneboard",
    )
    .default("file:./data/tuneboard.db"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** "false" makes every GET need a signed-in user or a token (any role); writes always need member or admin. */
  TUNEBOARD_PUBLIC_READS: z
    .enum(["true", "false"], { message: 'TUNEBOARD_PUBLIC_READS must be "true" or "false"' })
    .default("true")
    .transform((value) => value === "true"),
  /**
   * "true" when a reverse proxy is in front: the client's address is then the right-most X-Forwarded-For entry
   * (the one the proxy appended) and this site's origin comes from X-Forwarded-Host/-Proto. Left "false", those
   * headers are the server's own (scripts/server.mjs overwrites what the client sent), never the client's word.
   */
  TUNEBOARD_TRUST_PROXY: z
    .enum(["true", "false"], { message: 'TUNEBOARD_TRUST_PROXY must be "true" or "false"' })
    .default("false")
    .transform((value) => value === "true"),
  /** Folder of uploaded run artifacts (MLflow's artifact proxy): <dir>/<runId>/<path>; relative to the working directory. */
  TUNEBOARD_ARTIFACTS_DIR: z.string().min(1).default("data/artifacts"),
  /** Password of the first admin, created when no user exists; a random one is printed once otherwise. */
  TUNEBOARD_ADMIN_PASSWORD: z.string().min(8, "TUNEBOARD_ADMIN_PASSWORD must be at least 8 characters").optional(),
});

export const env = envSchema.parse(process.env);

/** The database engine a URL names: its scheme decides (file: is SQLite, postgres:// or postgresql:// PostgreSQL). */
export function databaseProvider(url = env.DATABASE_URL): "sqlite" | "postgresql" {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** Absolute file path of the SQLite database named by DATABASE_URL. */
export function databaseFilePath(url = env.DATABASE_URL): string {
  if (databaseProvider(url) !== "sqlite") throw new Error("DATABASE_URL names a PostgreSQL server, not a SQLite file");
  // turbopackIgnore: the path is a runtime setting, not a file the build should trace.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.replace(/^file:/, ""));
}

/** DATABASE_URL with an absolute path, so every process opens the same file whatever its cwd. */
export function absoluteDatabaseUrl(url = env.DATABASE_URL): string {
  return `file:${databaseFilePath(url)}`;
}
