import { PageSkeleton } from "@/components/ui/skeleton";

export default function WebhookEndpointLoading() {
  return <PageSkeleton stats={3} rows={8} />;
}
