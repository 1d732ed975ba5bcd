// Signs in once as the first admin (its password is set by scripts/e2e-server.mjs) and saves the session
// cookie, so every spec's page and request fixtures act as a signed-in user.
import { request } from "@playwright/test";
import type { FullConfig } from "@playwright/test";

export const E2E_ADMIN_PASSWORD = "e2e-admin-password";
export const STORAGE_STATE = "test-results/e2e-storage-state.json";

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const context = await request.newContext({ baseURL });
  const response = await context.post("/api/auth/sign-in", { data: { username: "admin", password: E2E_ADMIN_PASSWORD } });
  if (!response.ok()) throw new Error(`e2e sign-in failed: ${response.status()} ${await response.text()}`);
  await context.storageState({ path: STORAGE_STATE });
  await context.dispose();
}
