import { getDb } from "@/server/db";
import { issuerDocument } from "@/server/services/credentials/issuer";

// The public issuer Profile with its keys (docs/open-badges.md): verifiers dereference the proof's key here.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const document = await issuerDocument(await getDb());
  return Response.json(document, { headers: { "content-type": "application/ld+json", "cache-control": "public, max-age=300" } });
}
