// Shared by the e2e server script (which seeds) and the tests (which sign in).
export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_PGLITE_DIR = "/tmp/gamify-e2e/pglite";
export const E2E_ADMIN = { email: "e2e@test.local", password: "e2e-password-123" };
