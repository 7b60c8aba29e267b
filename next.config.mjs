// @ts-check

// Clickjacking protection for everything but the learner embeds. /embed pages are meant to be framed by the
// LMS: proxy.ts gives them `frame-ancestors 'self' <EMBED_ALLOWED_ORIGINS>` at request time (these headers
// are fixed when the app is built, and the origins are a run-time setting).
// The same lists are sent by the production server's API fast path (server/production-server.ts).
import securityHeaders from "./server/api/security-headers.json" with { type: "json" };

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The benchmark builds into its own folder, so it can run beside a browser-test build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its wasm and data files at run time: keep it (and its Prisma adapter) out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders.everywhere,
      },
      // Every path except /embed and /embed/...: the dashboard, the home page, the API.
      { source: "/:path((?!embed(?:/|$)).*)", headers: securityHeaders.noFraming },
    ];
  },
};

export default nextConfig;
