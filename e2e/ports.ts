// The e2e servers' addresses (scripts/e2e-server.mjs starts both): the main one, and one with private reads.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const PRIVATE_READS_URL = `http://127.0.0.1:${E2E_PORT + 1}`;
