import { cx } from "./class-names";
import { CopyButton } from "./copy-button";

/** A command to copy: it wraps inside its box at any width (never pushing the page sideways), with a copy button. */
export function CodeBlock({
  code,
  copyLabel,
  testId,
  className,
}: {
  code: string;
  copyLabel: string;
  testId?: string;
  className?: string;
}) {
  return (
    <div className={cx("relative min-w-0 rounded-md bg-muted", className)}>
      <pre data-testid={testId} className="max-w-full overflow-x-auto p-3 pr-24 font-mono text-xs break-all whitespace-pre-wrap">
        {code}
      </pre>
      <div className="absolute top-2 right-2">
        <CopyButton value={code} label={copyLabel} />
      </div>
    </div>
  );
}
