export default function DashboardLoading() {
  return (
    <div className="flex max-w-4xl animate-pulse flex-col gap-6" aria-busy="true" aria-label="Loading">
      <div className="h-8 w-48 rounded-md bg-muted" />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="h-28 rounded-lg bg-muted" />
        <div className="h-28 rounded-lg bg-muted" />
      </div>
      <div className="h-40 rounded-lg bg-muted" />
    </div>
  );
}
