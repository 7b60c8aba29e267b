import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/** A detail page whose subject does not exist: what was asked for, why that may be, and the way back to the list. */
export function NotFoundPage({
  heading,
  title,
  icon: Icon,
  back,
  children,
}: {
  heading: string;
  title: string;
  icon: LucideIcon;
  back: { href: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <>
      <PageHeader title={heading} />
      <Card>
        <EmptyState
          icon={<Icon />}
          title={title}
          action={
            <Link href={back.href} className={buttonClassName("secondary")}>
              {back.label}
            </Link>
          }
        >
          {children}
        </EmptyState>
      </Card>
    </>
  );
}
