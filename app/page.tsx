import Link from "next/link";
import { BookOpen, Flame, LayoutDashboard, Medal, Trophy } from "lucide-react";

const features = [
  { icon: Medal, title: "Points", text: "Lessons and courses earn points by difficulty, recorded in an append-only ledger." },
  { icon: Flame, title: "Streaks", text: "Consecutive active days, counted in each learner's own time zone." },
  { icon: Trophy, title: "Achievements", text: "Badges for milestones, speed, perfect courses and top ranks." },
  { icon: LayoutDashboard, title: "Leaderboards", text: "All-time, weekly and monthly boards, globally or per course." },
];

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-10 px-6 py-20">
      <header className="flex flex-col gap-4">
        <p className="text-sm font-medium text-accent">Gamify</p>
        <h1 className="text-4xl font-semibold tracking-tight">Gamification for your learning platform</h1>
        <p className="text-lg text-muted-foreground">
          Your LMS sends learning events over a small HTTP API; learners get points, streaks, achievements and leaderboards, and you manage
          the rules from a dashboard.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/admin"
            className="inline-flex items-center gap-2 rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground hover:opacity-90"
          >
            <LayoutDashboard className="size-4" aria-hidden />
            Open the dashboard
          </Link>
          <a
            href="/api/v1/openapi.json"
            className="inline-flex items-center gap-2 rounded-md border border-border px-4 py-2 text-sm font-medium hover:bg-muted"
          >
            <BookOpen className="size-4" aria-hidden />
            API documentation (OpenAPI)
          </a>
        </div>
      </header>
      <ul className="grid gap-4 sm:grid-cols-2">
        {features.map(({ icon: Icon, title, text }) => (
          <li key={title} className="rounded-lg border border-border bg-card p-5">
            <Icon className="mb-3 size-5 text-accent" aria-hidden />
            <h2 className="font-medium">{title}</h2>
            <p className="mt-1 text-sm text-muted-foreground">{text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
