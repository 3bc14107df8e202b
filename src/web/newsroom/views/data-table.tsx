import type { ComponentChildren } from 'preact';

/** One column of a newsroom table: its heading and what each row shows in it. */
export type Column<Item> = {
  header: ComponentChildren;
  cell: (item: Item) => ComponentChildren;
  /** Class of the heading and the cells (e.g. `nr-num` for right-aligned numbers). */
  class?: string;
  /** Class of one row's cell, when it depends on the row (a tree's indent). */
  cellClass?: (item: Item) => string | undefined;
};

/** A newsroom list as a table: a heading per column, a row per item. */
export function DataTable<Item>({ items, columns, rowKey }: { items: Item[]; columns: Column<Item>[]; rowKey: (item: Item) => string | number }) {
  return (
    <table class="nr-table">
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th scope="col" class={column.class} key={index}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={rowKey(item)}>
            {columns.map((column, index) => (
              <td class={column.cellClass?.(item) ?? column.class} key={index}>
                {column.cell(item)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
