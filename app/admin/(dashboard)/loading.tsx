import { PageSkeleton } from "@/components/ui/skeleton";

export default function OverviewLoading() {
  return <PageSkeleton stats={6} rows={4} />;
}
