import { PageSkeleton } from "@/components/ui/skeleton";

export default function LevelsLoading() {
  return <PageSkeleton rows={10} />;
}
