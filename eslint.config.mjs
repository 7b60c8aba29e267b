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
              group: ["@/server/db", "**/server/db", "@prisma/client"],
              message: "Components never touch the database: fetch in a server component or through tRPC.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", ".next-bench/**", "node_modules/**", ".data/**", "prisma/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
