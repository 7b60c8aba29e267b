// @ts-check

// Clickjacking protection for everything but the learner embeds. /embed pages are meant to be framed by the
// LMS: proxy.ts gives them `frame-ancestors 'self' <EMBED_ALLOWED_ORIGINS>` at request time (these headers
// are fixed when the app is built, and the origins are a run-time setting).
const noFramingHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

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
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      // Every path except /embed and /embed/...: the dashboard, the home page, the API.
      { source: "/:path((?!embed(?:/|$)).*)", headers: noFramingHeaders },
    ];
  },
};

module.exports = nextConfig;
