import { PageSkeleton } from "@/components/ui/skeleton";

export default function XapiMappingLoading() {
  return <PageSkeleton rows={10} />;
}
