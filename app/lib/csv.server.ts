// CSV for exports: UTF-8 with a byte-order mark (spreadsheet programs then show Persian),
// RFC 4180 quoting, formula-injection guard, streamed row by row.

const BOM = "\uFEFF";

export function csvCell(value: unknown): string {
  if (value == null) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  // A cell starting with = + - @ (or tab/CR) could run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

/** A whole small CSV document as a string (with BOM). */
export function toCsv(header: string[], rows: unknown[][]): string {
  return BOM + csvLine(header) + rows.map(csvLine).join("");
}

/**
 * A streamed CSV response: `rows` is an async iterable (e.g. a keyset-paged query), so large
 * results never sit in memory whole.
 */
export function csvResponse(filename: string, header: string[], rows: AsyncIterable<unknown[]> | Iterable<unknown[]>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        controller.enqueue(encoder.encode(BOM + csvLine(header)));
        let batch = "";
        let n = 0;
        for await (const row of rows as AsyncIterable<unknown[]>) {
          batch += csvLine(row);
          if (++n % 500 === 0) {
            controller.enqueue(encoder.encode(batch));
            batch = "";
          }
        }
        if (batch) controller.enqueue(encoder.encode(batch));
        controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** Walks a keyset-paginated query page by page: `fetchPage(after)` returns rows and the next cursor. */
export async function* keysetRows<T, C>(
  fetchPage: (after: C | null) => Promise<{ rows: T[]; next: C | null }>,
  toRow: (r: T) => unknown[],
): AsyncGenerator<unknown[]> {
  let after: C | null = null;
  for (;;) {
    const page = await fetchPage(after);
    for (const r of page.rows) yield toRow(r);
    if (page.next == null || page.rows.length === 0) return;
    after = page.next;
  }
}
