import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/admin/api-keys-manager";
import { formatDateTime, formatRelative } from "@/components/admin/format";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const caller = await getServerCaller();
  const [keys, zone] = await Promise.all([caller.admin.apiKeys.list(), getOrgZone()]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API keys"
        description="Your LMS authenticates with an API key to send events and read results. Creating and revoking keys is recorded in the audit log."
      />
      <ApiKeysManager
        keys={keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          created: formatDateTime(k.createdAt, zone),
          lastUsed: k.lastUsedAt ? formatRelative(k.lastUsedAt, now) : null,
          revoked: k.revokedAt ? formatDateTime(k.revokedAt, zone) : null,
        }))}
      />
    </>
  );
}
