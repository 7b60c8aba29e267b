"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function onClick() {
    setPending(true);
    // redirect:false and a client-side push: next-auth's own redirect would use NEXTAUTH_URL's host,
    // which may differ from the one in the address bar.
    await signOut({ redirect: false });
    router.push("/admin/sign-in");
    router.refresh();
  }

  return (
    <Button variant="ghost" size="sm" onClick={onClick} disabled={pending} className="w-full justify-start">
      <LogOut className="size-4" aria-hidden />
      Sign out
    </Button>
  );
}
