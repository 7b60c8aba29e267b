import { BookOpen, Flame, Sparkles, Trophy } from "lucide-react";

/** A learner the LMS has not reported any activity for yet: what is waiting for them. */
export function Welcome() {
  const perks = [
    { icon: Sparkles, tone: "text-amber-500", text: "Points for every lesson and course" },
    { icon: Flame, tone: "text-orange-500", text: "A streak for every day in a row" },
    { icon: Trophy, tone: "text-indigo-500", text: "Badges and a place on the leaderboard" },
  ];
  return (
    <section className="flex flex-col items-center gap-4 rounded-2xl border border-border bg-card px-5 py-8 text-center">
      <span className="inline-flex size-14 items-center justify-center rounded-2xl bg-linear-to-br from-indigo-400 to-violet-600 text-white shadow-md">
        <BookOpen className="size-7" aria-hidden />
      </span>
      <div>
        <h1 className="text-lg font-semibold tracking-tight">Welcome!</h1>
        <p className="text-sm text-muted-foreground">Complete your first lesson to get started.</p>
      </div>
      <ul className="flex flex-col gap-2 text-left text-sm">
        {perks.map(({ icon: Icon, tone, text }) => (
          <li key={text} className="flex items-center gap-2">
            <Icon className={`size-4 shrink-0 ${tone}`} aria-hidden />
            {text}
          </li>
        ))}
      </ul>
    </section>
  );
}
