import { cx } from "./class-names";
import { fieldClassName } from "./field-class";

export function Select({ className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cx("h-10", fieldClassName, className)} {...props} />;
}
