import { BadgeCheck, Ban, ShieldAlert } from "lucide-react";
import type { CredentialCheckView } from "@/server/schemas/credential-views";
import { cx } from "@/components/ui/class-names";

const VERDICT = {
  valid: { icon: BadgeCheck, title: "Valid credential", tone: "border-green-600/30 bg-green-600/10 text-green-800 dark:text-green-300" },
  revoked: { icon: Ban, title: "Revoked credential", tone: "border-amber-600/30 bg-amber-500/10 text-amber-800 dark:text-amber-300" },
  invalid: { icon: ShieldAlert, title: "Not a valid credential", tone: "border-red-600/30 bg-red-600/10 text-red-800 dark:text-red-300" },
} as const;

const formatWhen = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC"
    : "an unknown date";

/** The verdict on a credential, and what it says in plain words (who earned what, when, issued by whom). */
export function VerificationResult({ check }: { check: CredentialCheckView }) {
  const verdict = VERDICT[check.status];
  const Icon = verdict.icon;
  const s = check.summary;
  return (
    <section aria-label="Verification result" data-status={check.status} className="flex flex-col gap-4">
      <div role="status" className={cx("flex items-start gap-3 rounded-lg border px-4 py-3", verdict.tone)}>
        <Icon className="mt-0.5 size-5 shrink-0" aria-hidden />
        <div>
          <p className="font-semibold">{verdict.title}</p>
          <p className="text-sm">
            {check.status === "valid"
              ? "The signature matches the issuer's published key and the issuer has not revoked it."
              : check.problem}
            {check.revokedReason ? ` Reason: ${check.revokedReason}` : ""}
          </p>
        </div>
      </div>
      {s && (
        <div className="flex items-start gap-4 rounded-lg border border-border bg-card p-5">
          {s.imageUrl && /^https?:\/\//.test(s.imageUrl) && (
            // eslint-disable-next-line @next/next/no-img-element -- the badge image of any issuer, at its own address
            <img src={s.imageUrl} alt="" width={72} height={72} className="size-18 shrink-0 rounded-full" />
          )}
          <div className="flex flex-col gap-1 text-sm">
            <p className="text-base">
              {check.status === "invalid" ? "It claims that " : ""}
              <strong>{s.recipient}</strong> earned <strong>{s.achievement}</strong> on {formatWhen(s.awardedAt)}, issued by{" "}
              <strong>{s.issuerName}</strong>
              {s.issuerUrl ? ` (${s.issuerUrl})` : ""}.
            </p>
            {s.criteria && <p className="text-muted-foreground">Earned for: {s.criteria}</p>}
            {s.description && s.description !== s.achievement && <p className="text-muted-foreground">{s.description}</p>}
          </div>
        </div>
      )}
    </section>
  );
}
