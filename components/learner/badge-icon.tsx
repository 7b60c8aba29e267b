import { Award } from "lucide-react";
import { builtInIcon, type BadgeIconStyle } from "@/components/achievement-icons";
import { cx } from "@/components/ui/class-names";

// Achievements name their icon: "icon:<name>" for the built-in set (components/achievement-icons.ts), or an
// http(s) URL of an image an admin chose. Each built-in icon has its own colours, so a shelf of badges reads
// at a glance.

const FALLBACK: BadgeIconStyle = { icon: Award, medal: "from-indigo-400 via-indigo-500 to-violet-600", tint: "bg-indigo-500" };

export function badgeStyle(iconUrl: string): BadgeIconStyle {
  return builtInIcon(iconUrl) ?? FALLBACK;
}

const isImageUrl = (iconUrl: string) => /^https?:\/\//i.test(iconUrl);

const sizes = {
  sm: { box: "size-9", icon: "size-4.5", ring: "ring-2" },
  md: { box: "size-14", icon: "size-7", ring: "ring-3" },
  lg: { box: "size-24", icon: "size-12", ring: "ring-4" },
} as const;

/**
 * A badge's medallion. `locked` draws it greyed out (an achievement still in progress).
 * The name is for screen readers; pass `decorative` when the name is written next to it.
 */
export function BadgeIcon({
  iconUrl,
  name,
  size = "md",
  locked = false,
  decorative = false,
  className,
}: {
  iconUrl: string;
  name: string;
  size?: keyof typeof sizes;
  locked?: boolean;
  decorative?: boolean;
  className?: string;
}) {
  const s = sizes[size];
  const style = badgeStyle(iconUrl);
  const Icon = style.icon;
  const label = decorative ? {} : { role: "img", "aria-label": locked ? `${name} (not earned yet)` : name };
  return (
    <span
      {...label}
      aria-hidden={decorative || undefined}
      className={cx(
        "relative inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full",
        s.box,
        locked ? "bg-muted text-muted-foreground ring-border" : cx("bg-linear-to-br text-white shadow-sm ring-white/40", style.medal),
        s.ring,
        className,
      )}
    >
      {isImageUrl(iconUrl) ? (
        // Admin-chosen images come from anywhere: a plain <img> (next/image would need every host configured).
        // eslint-disable-next-line @next/next/no-img-element
        <img src={iconUrl} alt="" className={cx("size-full object-cover", locked && "opacity-50 grayscale")} referrerPolicy="no-referrer" />
      ) : (
        <Icon className={cx(s.icon, "drop-shadow-sm")} strokeWidth={2.25} aria-hidden />
      )}
      {!locked && <span aria-hidden className="pointer-events-none absolute inset-x-0 top-0 h-1/2 rounded-t-full bg-white/20" />}
    </span>
  );
}
