import { PageSkeleton } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return <PageSkeleton rows={10} />;
}
