import { cx } from "./class-names";
import { fieldClassName } from "./field-class";

export function Input({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cx("h-10", fieldClassName, className)} {...props} />;
}

/** A whole number: the numeric keyboard on phones, steps of one. */
export function NumberInput(props: Omit<React.InputHTMLAttributes<HTMLInputElement>, "type">) {
  return <Input type="number" inputMode="numeric" step={1} {...props} />;
}

/** An input that offers values as one types (a native <datalist> with the id `list`), and still takes any other. */
export function SuggestInput({
  list,
  suggestions,
  ...props
}: React.InputHTMLAttributes<HTMLInputElement> & { list: string; suggestions: { value: string; label?: string }[] }) {
  return (
    <>
      <Input list={list} {...props} />
      <datalist id={list}>
        {suggestions.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </datalist>
    </>
  );
}
