import { Sparkles } from "lucide-react";
import Link from "next/link";
import { Toaster } from "sonner";
import { SidebarNav } from "@/components/admin/sidebar-nav";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { TRPCReactProvider } from "@/components/trpc-provider";
import { requireAdmin } from "@/server/auth";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  return (
    <TRPCReactProvider>
      <div className="flex min-h-screen">
        <aside className="flex w-60 shrink-0 flex-col gap-6 border-r border-border bg-card p-4">
          <Link href="/admin" className="flex items-center gap-2 px-3 font-semibold">
            <Sparkles className="size-5 text-accent" aria-hidden />
            Gamify
          </Link>
          <SidebarNav />
          <div className="mt-auto flex flex-col gap-2 border-t border-border pt-4">
            <p className="truncate px-3 text-xs text-muted-foreground" title={admin.email}>
              {admin.name ?? admin.email}
            </p>
            <SignOutButton />
          </div>
        </aside>
        <main className="min-w-0 flex-1 p-8">{children}</main>
      </div>
      <Toaster position="bottom-right" />
    </TRPCReactProvider>
  );
}
