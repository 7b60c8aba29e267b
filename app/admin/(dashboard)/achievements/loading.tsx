import { PageSkeleton } from "@/components/ui/skeleton";

export default function AchievementsLoading() {
  return <PageSkeleton rows={8} />;
}
