import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The one-way flow edge → service → database, checked rather than remembered (STYLE.md §11).
const edgeImports = ["@/app/*", "@/server/api/*", "@/server/jobs/*", "@/components/*"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["server/services/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: edgeImports,
              message: "Services hold the domain rules and never import an edge (app, api, jobs, components).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/db", "**/server/db", "@prisma/client", "@/server/services", "@/server/services/*"],
              message:
                "Components never touch the database or the services: fetch in a server component or through tRPC, and import types through server/schemas or server/lib.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pages and layouts reach the server through the API layer (server/api/server-caller.ts, the embed caller)
    // or the auth module made for them (requireAdmin); route handlers under app/api are edges that wire it up.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/server/db",
                "@/server/db/*",
                "@prisma/client",
                "@/server/services",
                "@/server/services/*",
                "@/server/jobs/*",
                "@/server/env",
              ],
              message: "Pages read through tRPC (server/api/server-caller.ts) or server/auth, never the database, services, jobs or env.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-bench/**",
    "node_modules/**",
    ".data/**",
    "prisma/migrations/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
