// npm run db:seed: loads seed/ into the database; running it again changes nothing.
import { ensureFirstAdmin } from "../lib/server/auth/bootstrap";
import { seedDatabase } from "../lib/server/seed";

const result = await seedDatabase({ force: process.argv.includes("--force") });
console.log(result.skipped ? "seed data already loaded" : `seed data loaded (${result.runsCreated} reference runs created)`);
const admin = await ensureFirstAdmin();
if (admin?.password) {
  console.log(`created the first admin: username 'admin', password '${admin.password}' (shown only now; change it or set TUNEBOARD_ADMIN_PASSWORD)`);
} else if (admin) {
  console.log("created the first admin: username 'admin', password from TUNEBOARD_ADMIN_PASSWORD");
}
process.exit(0);
