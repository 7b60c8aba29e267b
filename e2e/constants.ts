// Shared by the e2e server script (which seeds) and the tests (which sign in).
// E2E_PORT lets two browser runs (each with its own NEXT_DIST_DIR build) share a machine.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
const E2E_DIR = `/tmp/gamify-e2e-${E2E_PORT}`;
export const E2E_PGLITE_DIR = `${E2E_DIR}/pglite`;
export const E2E_ADMIN = { email: "e2e@test.local", password: "e2e-password-123" };
/** serve.ts writes a fresh LMS API key here; fixtures read it to seed data over the REST API. */
export const E2E_API_KEY_FILE = `${E2E_DIR}/api-key.txt`;
export const E2E_EMBED_SECRET = "e2e-embed-secret-0123456789abc";
/** The LMS origin allowed to frame the embeds in browser tests. */
export const E2E_LMS_ORIGIN = "https://lms.example.edu";
/** An LMS page on another site than the app (127.0.0.1 vs localhost), served by embed-cross-site.spec.ts. */
export const E2E_CROSS_SITE_LMS_PORT = E2E_PORT + 1;
export const E2E_CROSS_SITE_LMS_ORIGIN = `http://127.0.0.1:${E2E_CROSS_SITE_LMS_PORT}`;

/** The run's own PostgreSQL database (`gamify_e2e_<port>`, made fresh by serve.ts), or null on PGlite. */
export function e2ePostgresUrl(serverUrl = process.env.E2E_DATABASE_URL): string | null {
  if (!serverUrl) return null;
  const url = new URL(serverUrl);
  url.pathname = `/gamify_e2e_${E2E_PORT}`;
  return url.toString();
}
