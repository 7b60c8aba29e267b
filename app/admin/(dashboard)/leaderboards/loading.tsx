import { PageSkeleton } from "@/components/ui/skeleton";

export default function LeaderboardsLoading() {
  return <PageSkeleton rows={10} />;
}
