import { getDb } from "@/server/db";
import { achievementKeySchema } from "@/server/schemas/achievements";
import { achievementBadgeOf } from "@/server/services/credentials/lookup";

// The badge image a credential names for an achievement with a built-in icon (one with its own image URL names
// that instead): an amber medallion with the achievement's initials, as a standalone SVG. (The lucide glyphs the
// embeds draw are React components, and Next refuses react-dom/server in a route handler.)
export const dynamic = "force-dynamic";

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function GET(_req: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  const key = achievementKeySchema.safeParse((await params).key);
  const badge = key.success ? await achievementBadgeOf(await getDb(), key.data) : null;
  if (!badge) return Response.json({ error: { code: "NOT_FOUND", message: "No such achievement." } }, { status: 404 });
  const initials = escapeXml(
    badge.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => [...word][0]!.toUpperCase())
      .join(""),
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${escapeXml(badge.name)}"><circle cx="64" cy="64" r="62" fill="#f59e0b"/><circle cx="64" cy="64" r="52" fill="none" stroke="#fff" stroke-width="4"/><text x="64" y="78" text-anchor="middle" font-family="sans-serif" font-size="40" font-weight="700" fill="#fff">${initials}</text></svg>`;
  return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=3600" } });
}
