import { TRPCReactProvider } from "@/components/trpc-provider";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PasteCredential } from "./paste-credential";

/** The public verification page's frame: its heading, the result (if any), and the paste box. */
export function VerifyLayout({ children }: { children?: React.ReactNode }) {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-10">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">Verify an Open Badge</h1>
        <p className="text-sm text-muted-foreground">
          Open Badges 3.0 credentials are signed: this page checks the signature against the issuer&apos;s published key and asks the
          issuer&apos;s status list whether it was revoked.
        </p>
      </header>
      {children}
      <Card>
        <CardHeader>
          <CardTitle>Check a downloaded copy</CardTitle>
          <CardDescription>A credential file a learner sent you: any change to it, even one character, shows here.</CardDescription>
        </CardHeader>
        <CardContent>
          <TRPCReactProvider>
            <PasteCredential />
          </TRPCReactProvider>
        </CardContent>
      </Card>
    </main>
  );
}
