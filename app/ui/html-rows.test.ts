import { createElement as h, type CSSProperties } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { escapeHtml, htmlRows, type HtmlCell } from "./html-rows";

// The rows must be the bytes React writes for the same cells, and never carry markup from a cell's text.
const viaReact = (rows: HtmlCell[][]) =>
  renderToString(h("tbody", null, rows.map((r, i) => h("tr", { key: i }, r.map((c, j) =>
    typeof c === "string" ? h("td", { key: j }, c) : h("td", { key: j, style: { "--w": c.w } as CSSProperties }, c.text))))));

describe("htmlRows", () => {
  it("writes what React writes for the same cells", () => {
    const rows: HtmlCell[][] = [
      ["تبریز", { text: "۹٬۶۹۳", w: 1 }, "۲٬۲۸۹", "۲۱٫۷٪"],
      ["Ajab & Shir <b>", { text: "1,897", w: 0.196 }, `"quoted" 'single'`, "0%"],
      ["", { text: "0", w: 0 }, "x", "y"],
    ];
    expect(`<tbody>${htmlRows(rows)}</tbody>`).toBe(viaReact(rows));
  });

  it("escapes markup, quotes and ampersands; a bar's length is a number", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;");
    expect(htmlRows([["<img src=x onerror=alert(1)>"]])).toBe("<tr><td>&lt;img src=x onerror=alert(1)&gt;</td></tr>");
    expect(htmlRows([[{ text: "1", w: Number("1;background:url(x)") }]])).toBe('<tr><td style="--w:0">1</td></tr>');
  });
});
