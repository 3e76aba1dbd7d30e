import type { ReactNode } from 'react'

/** A column of a Table. */
export interface Column<R> {
  header: ReactNode
  cell: (row: R) => ReactNode
  /** Right-aligns numbers, as GOV.UK tables do. */
  numeric?: boolean
}

/** Props for Table. */
export interface TableProps<R> {
  caption: ReactNode
  /** Shows the caption as a heading of this size; visually hidden when 'hidden'. */
  captionSize?: 's' | 'm' | 'l' | 'hidden'
  columns: Column<R>[]
  rows: R[]
  rowKey: (row: R) => string
  /** The first column names the row (a row header). */
  firstCellIsHeader?: boolean
  /**
   * Lets a wide table scroll sideways on its own on a small screen, rather than
   * the whole page; the label names the scrolling region for screen readers.
   */
  scrollLabel?: string
}

/** Table is the GOV.UK table, with a caption screen reader users hear first. */
export function Table<R>({ caption, captionSize = 'm', columns, rows, rowKey, firstCellIsHeader, scrollLabel }: TableProps<R>) {
  const table = (
    <table className="govuk-table">
      <caption className={captionSize === 'hidden' ? 'govuk-visually-hidden' : `govuk-table__caption govuk-table__caption--${captionSize}`}>
        {caption}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((c, i) => (
            <th key={i} scope="col" className={`govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}`}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r) => (
          <tr key={rowKey(r)} className="govuk-table__row">
            {columns.map((c, i) =>
              i === 0 && firstCellIsHeader ? (
                <th key={i} scope="row" className="govuk-table__header">
                  {c.cell(r)}
                </th>
              ) : (
                <td key={i} className={`govuk-table__cell${c.numeric ? ' govuk-table__cell--numeric' : ''}`}>
                  {c.cell(r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
  if (!scrollLabel) return table
  return (
    // Focusable so that keyboard users can scroll it too.
    <div className="app-table-wrap" role="region" aria-label={scrollLabel} tabIndex={0}>
      {table}
    </div>
  )
}
