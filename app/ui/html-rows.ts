// Table rows written as one HTML string (decision 0056), for the few large read-only tables whose React
// render was most of a page's cost: `<tbody dangerouslySetInnerHTML={{ __html: htmlRows(rows) }} />`.
// The server writes the same bytes React would; hydration keeps them (React compares inner HTML only in
// development); a client render replaces them. Text is escaped here, so no cell can carry markup.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** Text for HTML content or a quoted attribute, escaped as React escapes it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A cell: its text, or its text and a number for the CSS variable --w (a bar's length, 0 to 1). */
export type HtmlCell = string | { text: string; w: number };

/** `<tr><td>…</td>…</tr>` for each row, every text escaped. */
export function htmlRows(rows: readonly (readonly HtmlCell[])[]): string {
  let out = "";
  for (const row of rows) {
    out += "<tr>";
    for (const cell of row) {
      out += typeof cell === "string"
        ? `<td>${escapeHtml(cell)}</td>`
        : `<td style="--w:${Number.isFinite(cell.w) ? cell.w : 0}">${escapeHtml(cell.text)}</td>`;
    }
    out += "</tr>";
  }
  return out;
}
