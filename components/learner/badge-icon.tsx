import {
  Award,
  Book,
  BookOpen,
  Brain,
  Crown,
  Flame,
  Gem,
  GraduationCap,
  Heart,
  Library,
  LibraryBig,
  Lightbulb,
  Medal,
  Mountain,
  Rocket,
  Sparkles,
  Star,
  Target,
  Timer,
  Trophy,
  Zap,
  type LucideIcon,
} from "lucide-react";
import { cx } from "@/components/ui/class-names";

// Achievements name their icon: "icon:<name>" for the built-in set (drawn with lucide), or an http(s) URL of
// an image an admin chose. Each built-in icon has its own colours, so a shelf of badges reads at a glance.

interface IconStyle {
  icon: LucideIcon;
  /** The medallion: a gradient that reads on light and dark backgrounds alike. */
  medal: string;
  /** Accent for text and progress bars. */
  tint: string;
}

const ICONS: Record<string, IconStyle> = {
  trophy: { icon: Trophy, medal: "from-amber-300 via-amber-400 to-orange-500", tint: "bg-amber-500" },
  flame: { icon: Flame, medal: "from-orange-400 via-orange-500 to-red-500", tint: "bg-orange-500" },
  star: { icon: Star, medal: "from-yellow-300 via-amber-400 to-amber-500", tint: "bg-amber-400" },
  "book-open": { icon: BookOpen, medal: "from-sky-400 via-sky-500 to-blue-600", tint: "bg-sky-500" },
  "graduation-cap": { icon: GraduationCap, medal: "from-indigo-400 via-indigo-500 to-violet-600", tint: "bg-indigo-500" },
  library: { icon: Library, medal: "from-violet-400 via-violet-500 to-purple-600", tint: "bg-violet-500" },
  crown: { icon: Crown, medal: "from-yellow-300 via-amber-400 to-yellow-600", tint: "bg-amber-500" },
  books: { icon: LibraryBig, medal: "from-teal-300 via-teal-500 to-emerald-600", tint: "bg-teal-500" },
  rocket: { icon: Rocket, medal: "from-fuchsia-400 via-pink-500 to-rose-500", tint: "bg-pink-500" },
  zap: { icon: Zap, medal: "from-yellow-300 via-yellow-400 to-orange-500", tint: "bg-yellow-500" },
  timer: { icon: Timer, medal: "from-emerald-300 via-emerald-500 to-teal-600", tint: "bg-emerald-500" },
  award: { icon: Award, medal: "from-rose-400 via-rose-500 to-red-600", tint: "bg-rose-500" },
  medal: { icon: Medal, medal: "from-amber-300 via-amber-400 to-orange-500", tint: "bg-amber-500" },
  book: { icon: Book, medal: "from-sky-400 via-sky-500 to-blue-600", tint: "bg-sky-500" },
  brain: { icon: Brain, medal: "from-pink-300 via-pink-400 to-fuchsia-500", tint: "bg-pink-400" },
  gem: { icon: Gem, medal: "from-cyan-300 via-cyan-500 to-blue-600", tint: "bg-cyan-500" },
  heart: { icon: Heart, medal: "from-rose-300 via-rose-500 to-pink-600", tint: "bg-rose-500" },
  lightbulb: { icon: Lightbulb, medal: "from-yellow-200 via-yellow-400 to-amber-500", tint: "bg-yellow-400" },
  mountain: { icon: Mountain, medal: "from-slate-400 via-slate-500 to-slate-700", tint: "bg-slate-500" },
  sparkles: { icon: Sparkles, medal: "from-violet-300 via-fuchsia-400 to-pink-500", tint: "bg-fuchsia-500" },
  target: { icon: Target, medal: "from-red-400 via-red-500 to-rose-600", tint: "bg-red-500" },
};

const FALLBACK: IconStyle = { icon: Award, medal: "from-indigo-400 via-indigo-500 to-violet-600", tint: "bg-indigo-500" };

export function badgeStyle(iconUrl: string): IconStyle {
  return iconUrl.startsWith("icon:") ? (ICONS[iconUrl.slice(5)] ?? FALLBACK) : FALLBACK;
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
        locked
          ? "bg-muted text-muted-foreground ring-border"
          : cx("bg-linear-to-br text-white shadow-sm ring-white/40", style.medal),
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
