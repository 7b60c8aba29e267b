"use client";

import {
  Activity,
  Award,
  BadgeCheck,
  FileJson,
  Gauge,
  KeyRound,
  LayoutDashboard,
  ListChecks,
  ScrollText,
  Server,
  Trophy,
  Snowflake,
  Users,
  Webhook,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/class-names";

const links: { href: string; label: string; icon: LucideIcon }[] = [
  { href: "/admin", label: "Overview", icon: LayoutDashboard },
  { href: "/admin/achievements", label: "Achievements", icon: Award },
  { href: "/admin/rules", label: "Point rules", icon: ListChecks },
  { href: "/admin/levels", label: "Levels", icon: Gauge },
  { href: "/admin/streaks", label: "Streak protection", icon: Snowflake },
  { href: "/admin/leaderboards", label: "Leaderboards", icon: Trophy },
  { href: "/admin/learners", label: "Learners", icon: Users },
  { href: "/admin/api-keys", label: "API keys", icon: KeyRound },
  { href: "/admin/webhooks", label: "Webhooks", icon: Webhook },
  { href: "/admin/open-badges", label: "Open Badges", icon: BadgeCheck },
  { href: "/admin/xapi", label: "xAPI log", icon: FileJson },
  { href: "/admin/jobs", label: "Jobs", icon: Activity },
  { href: "/admin/system", label: "System", icon: Server },
  { href: "/admin/audit", label: "Audit log", icon: ScrollText },
];

export function SidebarNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="flex flex-col gap-0.5">
      {links.map(({ href, label, icon: Icon }) => {
        const active = href === "/admin" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cx(
              "flex items-center gap-2 rounded-md px-3 py-2 text-sm",
              active ? "bg-muted font-medium text-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
