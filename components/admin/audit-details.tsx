import { formatNumber } from "./format";

/** An audit row's action as words. */
export const ACTION_LABELS: Record<string, string> = {
  "rules.update": "Changed point rules",
  "rules.timezone": "Changed the time zone",
  "rules.override.create": "Added a course override",
  "rules.override.update": "Changed a course override",
  "rules.override.remove": "Removed a course override",
  "achievement.create": "Created an achievement",
  "achievement.update": "Edited an achievement",
  "achievement.activate": "Re-activated an achievement",
  "achievement.deactivate": "Deactivated an achievement",
  "points.adjust": "Adjusted points",
  "apikey.create": "Created an API key",
  "apikey.revoke": "Revoked an API key",
  "xapi.mapping.update": "Changed the xAPI mapping",
};

const FIELD_LABELS: Record<string, string> = {
  lessonEasy: "Easy lesson",
  lessonMedium: "Medium lesson",
  lessonHard: "Hard lesson",
  courseEasy: "Easy course",
  courseMedium: "Medium course",
  courseHard: "Hard course",
  streakDayPoints: "Streak day",
  loginPoints: "Login",
};

const show = (v: unknown): string => (typeof v === "number" ? formatNumber(v) : typeof v === "string" ? v : JSON.stringify(v));

/** The details of an audit row, readably: "Medium lesson 25 → 30", "+50 · reason", or key: value pairs. */
export function AuditDetails({ action, details }: { action: string; details: unknown }) {
  if (details === null || details === undefined) return <span className="text-muted-foreground">—</span>;
  const d = details as Record<string, unknown>;
  if (action === "points.adjust") {
    const points = Number(d.points);
    return (
      <span>
        <span className={points >= 0 ? "font-medium text-success" : "font-medium text-danger"}>
          {points > 0 ? "+" : ""}
          {formatNumber(points)} pts
        </span>{" "}
        · “{String(d.reason ?? "")}”
      </span>
    );
  }
  const changes = Object.entries(d).filter(([, v]) => v && typeof v === "object" && "from" in (v as object) && "to" in (v as object));
  if (changes.length > 0 && changes.length === Object.keys(d).length) {
    return (
      <ul className="flex flex-wrap gap-x-3 gap-y-0.5">
        {changes.map(([k, v]) => (
          <li key={k}>
            {FIELD_LABELS[k] ?? k}: <span className="text-muted-foreground line-through">{show((v as { from: unknown }).from)}</span> →{" "}
            <span className="font-medium">{show((v as { to: unknown }).to)}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (action === "rules.timezone") return <span>{`${show(d.from)} → ${show(d.to)}`}</span>;
  if (action.startsWith("achievement.") && d.criterion) {
    return (
      <span>
        {show(d.name)} · {show(d.points)} pts
      </span>
    );
  }
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-0.5">
      {Object.entries(d).map(([k, v]) => (
        <li key={k}>
          <span className="text-muted-foreground">{FIELD_LABELS[k] ?? k}:</span> {show(v)}
        </li>
      ))}
    </ul>
  );
}
