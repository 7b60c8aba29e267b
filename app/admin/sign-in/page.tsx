import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Sparkles } from "lucide-react";
import { SignInForm } from "@/components/admin/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSignedInAdmin } from "@/server/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  // Already signed in: straight to the dashboard.
  if (await getSignedInAdmin()) redirect("/admin");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <Sparkles className="mb-2 size-6 text-accent" aria-hidden />
          <CardTitle>
            <span className="text-lg">Sign in to Gamify</span>
          </CardTitle>
          <CardDescription>Use your admin email and password.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm />
        </CardContent>
      </Card>
    </main>
  );
}
