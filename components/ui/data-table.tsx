import { Table, TBody, Th, THead } from "./table";

/** A column's header: its words, with classes for its cells' alignment or width, or read by screen readers only. */
export type Column = string | { label: string; className?: string; srOnly?: boolean };

/** The last column of a table whose rows end with buttons. */
export const ACTIONS_COLUMN: Column = { label: "Actions", className: "text-right", srOnly: true };

/**
 * A table with one header row and a row per item (each rendered by the child, a <Tr> with its key), or the
 * `empty` state when there are no items.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  empty = null,
  className,
  children,
}: {
  label: string;
  columns: (Column | false)[];
  rows: readonly T[];
  empty?: React.ReactNode;
  className?: string;
  children: (row: T) => React.ReactNode;
}) {
  if (rows.length === 0) return empty;
  return (
    <Table aria-label={label} className={className}>
      <THead>
        <tr>
          {columns.map((column) => {
            if (!column) return null;
            const { label, className, srOnly } = typeof column === "string" ? { label: column } : column;
            return (
              <Th key={label} className={className}>
                {srOnly ? <span className="sr-only">{label}</span> : label}
              </Th>
            );
          })}
        </tr>
      </THead>
      <TBody>{rows.map(children)}</TBody>
    </Table>
  );
}
