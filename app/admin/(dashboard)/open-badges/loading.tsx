import { PageSkeleton } from "@/components/ui/skeleton";

export default function OpenBadgesLoading() {
  return <PageSkeleton rows={5} />;
}
