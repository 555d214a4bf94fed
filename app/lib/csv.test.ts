import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, toCsv } from "./csv.server";

describe("csv", () => {
  it("quotes commas, quotes and newlines, and guards formulas", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("x\ny")).toBe('"x\ny"');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell(-12)).toBe("-12");
    expect(csvCell(null)).toBe("");
  });
  it("starts with a BOM and keeps Persian text", async () => {
    expect(toCsv(["نام"], [["تبریز"]])).toBe("\uFEFFنام\r\nتبریز\r\n");
    async function* rows() {
      for (let i = 0; i < 1200; i++) yield [i, "مراغه"];
    }
    const res = csvResponse("x.csv", ["n", "county"], rows());
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFFn,county\r\n")).toBe(true);
    expect(text.trim().split("\r\n")).toHaveLength(1201);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
  });
});
