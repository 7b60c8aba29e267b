/** The footer of a card whose times are shown in the organisation's zone. */
export function ZoneNote({ zone }: { zone: string }) {
  return <p className="border-t border-border px-5 py-2 text-xs text-muted-foreground">Times in the organisation&apos;s zone ({zone}).</p>;
}
