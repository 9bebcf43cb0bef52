/** The one table: columns with a label and a cell renderer; scrolls sideways on narrow screens. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n';

export interface Column<R> {
  label: string;
  cell: (row: R) => ComponentChildren;
  class?: string;
}

export function DataTable<R>(props: {
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string | number;
  caption?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <div class="table-wrap" tabIndex={0} aria-label={props.caption}>
      <table data-testid={props.testId}>
        {props.caption && <caption>{props.caption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" class={column.class}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} class="empty">
                {t('common.none')}
              </td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.columns.map((column) => (
                  <td class={column.class}>{column.cell(row)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
