import { PageSkeleton } from "@/components/ui/skeleton";

export default function JobsLoading() {
  return <PageSkeleton rows={5} />;
}
