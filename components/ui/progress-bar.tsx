import { cx } from "./class-names";

/** A thin bar for how far `value` has come towards `max`; `percent` is the width the caller chose to show. */
export function ProgressBar({
  label,
  value,
  max,
  percent,
  className,
  fillClassName,
}: {
  label: string;
  value: number;
  max: number;
  percent: number;
  className?: string;
  fillClassName?: string;
}) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className={cx("overflow-hidden rounded-full bg-muted", className)}
    >
      <div className={cx("h-full rounded-full", fillClassName)} style={{ width: `${percent}%` }} />
    </div>
  );
}
