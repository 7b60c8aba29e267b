import type { Metadata } from "next";
import { KeyRound, ShieldCheck } from "lucide-react";
import { formatDateTime } from "@/components/admin/format";
import { IssuerForm, RotateKeyButton } from "@/components/admin/issuer-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getServerCaller } from "@/server/api/server-caller";
import { getOrgZone } from "../org-zone";

export const metadata: Metadata = { title: "Open Badges" };

export default async function OpenBadgesPage() {
  const caller = await getServerCaller();
  const [{ settings, keys, issuerUrl }, zone] = await Promise.all([caller.admin.credentials.issuer(), getOrgZone()]);
  const newest = keys.at(-1)?.id;
  return (
    <>
      <PageHeader
        title="Open Badges"
        description="Every achievement a learner earns can be carried as a signed Open Badges 3.0 credential, which anyone can verify. See docs/open-badges.md."
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle icon={ShieldCheck}>Issuer profile</CardTitle>
            <CardDescription>
              Published at{" "}
              <a href={issuerUrl} className="font-mono text-xs underline">
                {issuerUrl}
              </a>
              . Credentials already issued keep the profile they were signed with.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <IssuerForm initial={settings} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader action={<RotateKeyButton />}>
            <CardTitle icon={KeyRound}>Signing keys</CardTitle>
            <CardDescription>Ed25519, stored encrypted. The first key is made when the first credential is issued.</CardDescription>
          </CardHeader>
          <CardContent>
            {keys.length === 0 ? (
              <p className="text-sm text-muted-foreground">No key yet: one is made with the first credential.</p>
            ) : (
              <ul className="flex flex-col gap-2 text-sm">
                {keys.map((k) => (
                  <li key={k.id} className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">Key {k.id}</span>
                    {k.id === newest && !k.retiredAt ? <Badge>signing</Badge> : <Badge>retired, still verifies</Badge>}
                    <code className="truncate font-mono text-xs text-muted-foreground">{k.publicKeyMultibase}</code>
                    <span className="text-xs text-muted-foreground">since {formatDateTime(k.createdAt, zone)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
