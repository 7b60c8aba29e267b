import {
  Award,
  BadgeCheck,
  Book,
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
  LibraryBig,
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

// The built-in badge icons, stored on an achievement as "icon:<name>": the one list the admin's picker offers
// and the learner views draw, so every icon an admin picks is the icon learners see.

export interface BadgeIconStyle {
  icon: LucideIcon;
  /** The learner views' medallion: a gradient that reads on light and dark backgrounds alike. */
  medal: string;
  /** Accent for text and progress bars. */
  tint: string;
}

export const BADGE_ICONS: Record<string, BadgeIconStyle> = {
  trophy: { icon: Trophy, medal: "from-amber-300 via-amber-400 to-orange-500", tint: "bg-amber-500" },
  medal: { icon: Medal, medal: "from-amber-300 via-amber-400 to-orange-500", tint: "bg-amber-500" },
  award: { icon: Award, medal: "from-rose-400 via-rose-500 to-red-600", tint: "bg-rose-500" },
  star: { icon: Star, medal: "from-yellow-300 via-amber-400 to-amber-500", tint: "bg-amber-400" },
  crown: { icon: Crown, medal: "from-yellow-300 via-amber-400 to-yellow-600", tint: "bg-amber-500" },
  flame: { icon: Flame, medal: "from-orange-400 via-orange-500 to-red-500", tint: "bg-orange-500" },
  zap: { icon: Zap, medal: "from-yellow-300 via-yellow-400 to-orange-500", tint: "bg-yellow-500" },
  timer: { icon: Timer, medal: "from-emerald-300 via-emerald-500 to-teal-600", tint: "bg-emerald-500" },
  rocket: { icon: Rocket, medal: "from-fuchsia-400 via-pink-500 to-rose-500", tint: "bg-pink-500" },
  "graduation-cap": { icon: GraduationCap, medal: "from-indigo-400 via-indigo-500 to-violet-600", tint: "bg-indigo-500" },
  "book-open": { icon: BookOpen, medal: "from-sky-400 via-sky-500 to-blue-600", tint: "bg-sky-500" },
  book: { icon: Book, medal: "from-sky-400 via-sky-500 to-blue-600", tint: "bg-sky-500" },
  books: { icon: LibraryBig, medal: "from-teal-300 via-teal-500 to-emerald-600", tint: "bg-teal-500" },
  library: { icon: Library, medal: "from-violet-400 via-violet-500 to-purple-600", tint: "bg-violet-500" },
  target: { icon: Target, medal: "from-red-400 via-red-500 to-rose-600", tint: "bg-red-500" },
  gem: { icon: Gem, medal: "from-cyan-300 via-cyan-500 to-blue-600", tint: "bg-cyan-500" },
  heart: { icon: Heart, medal: "from-rose-300 via-rose-500 to-pink-600", tint: "bg-rose-500" },
  sparkles: { icon: Sparkles, medal: "from-violet-300 via-fuchsia-400 to-pink-500", tint: "bg-fuchsia-500" },
  "badge-check": { icon: BadgeCheck, medal: "from-green-300 via-green-500 to-emerald-600", tint: "bg-green-500" },
  brain: { icon: Brain, medal: "from-pink-300 via-pink-400 to-fuchsia-500", tint: "bg-pink-400" },
  lightbulb: { icon: Lightbulb, medal: "from-yellow-200 via-yellow-400 to-amber-500", tint: "bg-yellow-400" },
  mountain: { icon: Mountain, medal: "from-slate-400 via-slate-500 to-slate-700", tint: "bg-slate-500" },
  puzzle: { icon: Puzzle, medal: "from-lime-300 via-lime-500 to-green-600", tint: "bg-lime-500" },
  shield: { icon: Shield, medal: "from-blue-400 via-blue-500 to-indigo-600", tint: "bg-blue-500" },
  flag: { icon: Flag, medal: "from-orange-300 via-orange-400 to-amber-600", tint: "bg-orange-400" },
  "calendar-check": { icon: CalendarCheck, medal: "from-teal-400 via-cyan-500 to-sky-600", tint: "bg-cyan-500" },
};

/** The names the admin's picker offers, in its order. */
export const BADGE_ICON_NAMES = Object.keys(BADGE_ICONS);

/** The built-in icon an achievement names, or undefined for an image URL or a name not in the list. */
export function builtInIcon(iconUrl: string): BadgeIconStyle | undefined {
  if (!iconUrl.startsWith("icon:")) return undefined;
  const name = iconUrl.slice(5);
  return Object.hasOwn(BADGE_ICONS, name) ? BADGE_ICONS[name] : undefined;
}
