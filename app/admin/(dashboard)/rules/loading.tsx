import { PageSkeleton } from "@/components/ui/skeleton";

export default function RulesLoading() {
  return <PageSkeleton rows={7} />;
}
