import { PageSkeleton } from "@/components/ui/skeleton";

export default function LearnersLoading() {
  return <PageSkeleton rows={8} />;
}
