// @ts-check

// Clickjacking protection for the dashboard only: /embed pages are meant to be framed by the LMS,
// and their frame policy is set with the embed routes.
const dashboardFrameHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
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
      { source: "/admin", headers: dashboardFrameHeaders },
      { source: "/admin/:path*", headers: dashboardFrameHeaders },
    ];
  },
};

module.exports = nextConfig;
