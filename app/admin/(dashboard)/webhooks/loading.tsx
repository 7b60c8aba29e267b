import { PageSkeleton } from "@/components/ui/skeleton";

export default function WebhooksLoading() {
  return <PageSkeleton rows={5} />;
}
