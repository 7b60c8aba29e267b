import {
  Award,
  BadgeCheck,
  BookCopy,
  BookOpen,
  Brain,
  CalendarCheck,
  Crown,
  Flag,
  Flame,
  Gem,
  GraduationCap,
  Heart,
  Library,
  Lightbulb,
  Medal,
  Mountain,
  Puzzle,
  Rocket,
  Shield,
  Sparkles,
  Star,
  Target,
  Timer,
  Trophy,
  Zap,
  type LucideIcon,
} from "lucide-react";
import { cx } from "@/components/ui/class-names";

/** The built-in badge icons, stored on an achievement as `icon:<name>`. */
export const BADGE_ICONS: Record<string, LucideIcon> = {
  trophy: Trophy,
  medal: Medal,
  award: Award,
  star: Star,
  crown: Crown,
  flame: Flame,
  zap: Zap,
  timer: Timer,
  rocket: Rocket,
  "graduation-cap": GraduationCap,
  "book-open": BookOpen,
  books: BookCopy,
  library: Library,
  target: Target,
  gem: Gem,
  heart: Heart,
  sparkles: Sparkles,
  "badge-check": BadgeCheck,
  brain: Brain,
  lightbulb: Lightbulb,
  mountain: Mountain,
  puzzle: Puzzle,
  shield: Shield,
  flag: Flag,
  "calendar-check": CalendarCheck,
};
export const BADGE_ICON_NAMES = Object.keys(BADGE_ICONS);

/** An achievement's badge: a built-in icon on a soft disc, or the image at its URL. */
export function AchievementIcon({ iconUrl, size = "md", muted = false }: { iconUrl: string; size?: "sm" | "md" | "lg"; muted?: boolean }) {
  const box = { sm: "size-8", md: "size-10", lg: "size-12" }[size];
  const glyph = { sm: "size-4", md: "size-5", lg: "size-6" }[size];
  if (iconUrl.startsWith("icon:") || !/^https?:\/\//.test(iconUrl)) {
    const Icon = BADGE_ICONS[iconUrl.slice(5)] ?? Trophy;
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
