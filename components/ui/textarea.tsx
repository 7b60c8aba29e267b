import { cx } from "./class-names";
import { fieldClassName } from "./field-class";

export function Textarea({ className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cx("min-h-20 py-2", fieldClassName, className)} {...props} />;
}
