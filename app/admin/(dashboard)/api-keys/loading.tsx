import { PageSkeleton } from "@/components/ui/skeleton";

export default function ApiKeysLoading() {
  return <PageSkeleton rows={5} />;
}
