import { Trophy } from "lucide-react";
import { builtInIcon } from "@/components/achievement-icons";
import { cx } from "@/components/ui/class-names";

/** An achievement's badge: a built-in icon on a soft disc, or the image at its URL. */
export function AchievementIcon({ iconUrl, size = "md", muted = false }: { iconUrl: string; size?: "sm" | "md" | "lg"; muted?: boolean }) {
  const box = { sm: "size-8", md: "size-10", lg: "size-12" }[size];
  const glyph = { sm: "size-4", md: "size-5", lg: "size-6" }[size];
  if (iconUrl.startsWith("icon:") || !/^https?:\/\//.test(iconUrl)) {
    const Icon = builtInIcon(iconUrl)?.icon ?? Trophy;
    return (
      <span
        className={cx(
          "inline-flex shrink-0 items-center justify-center rounded-full ring-1 ring-inset",
          muted ? "bg-muted text-muted-foreground ring-border" : "bg-accent-soft text-accent ring-accent/20",
          box,
        )}
        aria-hidden
      >
        <Icon className={glyph} />
      </span>
    );
  }
  return (
    // A remote image chosen by the admin: next/image would need every host allow-listed in next.config.
    // eslint-disable-next-line @next/next/no-img-element
    <img src={iconUrl} alt="" className={cx("shrink-0 rounded-full object-cover ring-1 ring-border", box, muted && "grayscale")} />
  );
}
