import { getDb } from "@/server/db";
import { statusListCredential } from "@/server/services/credentials/status-list";

// The signed revocation list (W3C Bitstring Status List) every credential points at. Not cached for long: a
// revocation should show within a minute.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const credential = await statusListCredential(await getDb());
  return Response.json(credential, { headers: { "content-type": "application/vc+ld+json", "cache-control": "public, max-age=60" } });
}
