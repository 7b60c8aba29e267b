import { PageSkeleton } from "@/components/ui/skeleton";

export default function LearnerLoading() {
  return <PageSkeleton stats={4} rows={6} />;
}
