import { cx } from "./class-names";

export function Label({ className, ...props }: React.LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cx("text-sm font-medium", className)} {...props} />;
}
