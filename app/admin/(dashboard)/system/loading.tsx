import { PageSkeleton } from "@/components/ui/skeleton";

export default function SystemLoading() {
  return <PageSkeleton rows={6} />;
}
