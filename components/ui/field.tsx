import { cx } from "./class-names";
import { Label } from "./label";

/** What a Field gives its control: the id its label points at, and the hint or the error that describes it. */
export interface FieldControl {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/**
 * A labelled form control with its hint and its error. The control is the child: a function of the
 * FieldControl props, so label, hint and error are wired to it in one place. (A plain child is rendered as it
 * is, for a control that wires itself.)
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | null;
  className?: string;
  children: React.ReactNode | ((control: FieldControl) => React.ReactNode);
}) {
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {typeof children === "function"
        ? children({ id, "aria-invalid": !!error, "aria-describedby": describedBy(id, error, hint) })
        : children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} error={error} />}
    </div>
  );
}

/** A control's error, as a sentence. */
export function FieldError({ id, error }: { id: string; error: string }) {
  return (
    <p id={id} className="text-xs font-medium text-danger">
      {error.charAt(0).toUpperCase() + error.slice(1)}
    </p>
  );
}

/** A form's error that belongs to no field: announced, and focusable so a failed submit can move focus to it. */
export function FormError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" tabIndex={-1} data-form-error className="text-sm font-medium text-danger outline-none">
      {error}
    </p>
  );
}

export function describedBy(id: string, error?: string | null, hint?: React.ReactNode): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}
