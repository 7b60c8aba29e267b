import { PageSkeleton } from "@/components/ui/skeleton";

export default function XapiLogLoading() {
  return <PageSkeleton rows={8} />;
}
