// The command line every in-process bench takes: [path/to/bench.db] [--iterations=N] [its own --flags].
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The bench database (default bench/.data/bench.db, resolved) and the timed iterations; exits with 2 and says how
 * to build the database when it is missing. `args` is the whole command line, for a bench's own flags.
 */
export function benchDatabaseArgs(defaultIterations: number): { args: string[]; file: string; iterations: number } {
  const args = process.argv.slice(2);
  const file = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? "bench/.data/bench.db");
  const iterations = Number(args.find((arg) => arg.startsWith("--iterations="))?.slice("--iterations=".length) ?? defaultIterations);
  if (!existsSync(file)) {
    console.error(`${file} does not exist: build it with npx tsx --conditions=react-server bench/generate-runs.mts`);
    process.exit(2);
  }
  return { args, file, iterations };
}
