// The e2e servers run scripts/server.mjs without TUNEBOARD_TRUST_PROXY, so the address the app sees is the socket's:
// a client cannot pick the address the sign-in throttle counts it under by sending X-Forwarded-For or X-Real-IP.
// (Plain `next start` passes the client's header through, and each made-up address got a fresh allowance.)
import { expect, test } from "@playwright/test";

test("made-up forwarding headers do not give a client a fresh sign-in allowance", async ({ playwright, baseURL }) => {
  const client = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const username = `nobody-${Date.now()}`;
    const signIn = (fakeAddress: string) =>
      client.post("/api/auth/sign-in", {
        data: { username, password: "not-the-password" },
        headers: { origin: baseURL!, "x-forwarded-for": fakeAddress, "x-real-ip": fakeAddress, forwarded: `for=${fakeAddress}` },
      });
    // Five failures (the per-client limit), each claiming another address...
    for (let i = 1; i <= 5; i++) expect((await signIn(`203.0.113.${i}`)).status(), `attempt ${i}`).toBe(401);
    // ...still count against this one client.
    const sixth = await signIn("198.51.100.7");
    expect(sixth.status()).toBe(429);
    expect(sixth.headers()["retry-after"]).toBeTruthy();
  } finally {
    await client.dispose();
  }
});
