// npm run db:seed: loads seed/ into the database; running it again changes nothing.
import { seedDatabase } from "../lib/server/seed";

const result = await seedDatabase({ force: process.argv.includes("--force") });
console.log(result.skipped ? "seed data already loaded" : `seed data loaded (${result.runsCreated} reference runs created)`);
process.exit(0);
