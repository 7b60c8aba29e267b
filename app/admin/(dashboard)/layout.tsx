import { Sparkles } from "lucide-react";
import Link from "next/link";
import { Toaster } from "sonner";
import { MobileNav } from "@/components/admin/mobile-nav";
import { SidebarNav } from "@/components/admin/sidebar-nav";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { TRPCReactProvider } from "@/components/trpc-provider";
import { requireAdmin } from "@/server/auth";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdmin();
  const account = (
    <div className="flex flex-col gap-2 border-t border-border pt-4">
      <div className="flex items-center gap-2 px-3">
        <span
          className="flex size-7 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent uppercase"
          aria-hidden
        >
          {(admin.name ?? admin.email).slice(0, 1)}
        </span>
        <p className="truncate text-xs text-muted-foreground" title={admin.email}>
          {admin.name ?? admin.email}
        </p>
      </div>
      <SignOutButton />
    </div>
  );
  return (
    <TRPCReactProvider>
      <div className="flex min-h-screen flex-col md:flex-row">
        {/* Below md the sidebar folds into a menu button, so a phone-width screen never scrolls sideways. */}
        <MobileNav brand={<Brand />}>
          <SidebarNav />
          {account}
        </MobileNav>
        <aside className="hidden w-56 shrink-0 border-r border-border bg-card md:block xl:w-60">
          <div className="sticky top-0 flex h-screen flex-col gap-6 p-4">
            <Brand />
            <SidebarNav />
            <div className="mt-auto">{account}</div>
          </div>
        </aside>
        <main className="min-w-0 flex-1 px-4 py-6 sm:px-6 sm:py-8 lg:px-10">
          <div className="mx-auto flex max-w-6xl flex-col gap-6">{children}</div>
        </main>
      </div>
      {/* Top centre, over the page header: bottom right covered the tables' row actions. */}
      <Toaster position="top-center" richColors closeButton />
    </TRPCReactProvider>
  );
}

function Brand() {
  return (
    <Link
      href="/admin"
      className="flex items-center gap-2 rounded-md px-3 py-1 font-semibold focus-visible:outline-2 focus-visible:outline-accent"
    >
      <span className="rounded-md bg-accent p-1 text-accent-foreground">
        <Sparkles className="size-4" aria-hidden />
      </span>
      Gamify
    </Link>
  );
}
