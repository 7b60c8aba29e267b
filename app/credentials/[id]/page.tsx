import type { Metadata } from "next";
import { VerificationResult } from "@/components/credentials/verification-result";
import { VerifyLayout } from "@/components/credentials/verify-layout";
import { getServerCaller } from "@/server/api/server-caller";

// The public verification URL a credential's id names and a learner shares: no sign-in.
export const metadata: Metadata = { title: "Verify a credential" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const check = UUID.test(id) ? await (await getServerCaller()).credentials.check({ id }) : null;
  return (
    <VerifyLayout>
      {check ? (
        <>
          <VerificationResult check={check} />
          {check.json && (
            <a
              href={`data:application/json;charset=utf-8,${encodeURIComponent(check.json)}`}
              download={`credential-${id}.json`}
              className="text-sm font-medium text-accent underline"
            >
              Download this credential (JSON)
            </a>
          )}
        </>
      ) : (
        <p role="status" className="rounded-lg border border-border bg-card px-4 py-3 text-sm">
          No credential with this address was issued here. Check the link, or paste the credential below.
        </p>
      )}
    </VerifyLayout>
  );
}
