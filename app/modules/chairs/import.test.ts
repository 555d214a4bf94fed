import { describe, expect, it } from "vitest";
import { parseActivitiesCsv } from "./import";

const HEAD = "external_ref,kind,title,date,hours,participants,women,partners\n";

describe("activity CSV parsing", () => {
  it("reads Persian and Latin digits, Persian kind names and a BOM", () => {
    const r = parseActivitiesCsv("\uFEFF" + HEAD + "a1,کارگاه,کارگاه بوم,۱۴۰۳/۰۷/۱۵,۴,۳۰,۱۲,پارک علم\na2,course,دوره مقدماتی,1403/8/1,16,25,10,\n", 1403);
    expect(r.fileError).toBeNull();
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.data.kind, x.data.heldOn, x.data.participants, x.data.women])).toEqual([
      [2, "workshop", "2024-10-06", 30, 12],
      [3, "course", "2024-10-22", 25, 10],
    ]);
  });

  it("names the row and field of each bad value", () => {
    const r = parseActivitiesCsv(
      HEAD + "b1,workshop,خارج از سال,1402/12/01,2,10,0,\nb2,workshop,منفی,1403/02/01,2,-3,0,\nb3,workshop,زنان زیاد,1403/02/02,2,5,6,\nb4,party,نوع بد,1403/02/03,2,5,1,\n",
      1403,
    );
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      { row: 2, field: "date", key: "error.chairs.dateOutsideYear" },
      { row: 3, field: "participants", key: "error.chairs.participantsNegative" },
      { row: 4, field: "women", key: "error.chairs.womenAboveTotal" },
      { row: 5, field: "kind", key: "error.chairs.unknownKind" }, // "party" was given: not "fill in this field"
    ]);
  });

  it("refuses duplicates inside the file", () => {
    const r = parseActivitiesCsv(HEAD + "c1,workshop,یک,1403/02/01,2,10,0,\nc1,workshop,دو,1403/02/02,2,10,0,\nc3,workshop,یک,1403/02/01,2,10,0,\n", 1403);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, "external_ref"], [4, "_row"]]);
  });

  it("reports missing columns and non-UTF-8 text as file errors", () => {
    expect(parseActivitiesCsv("kind,title\nworkshop,x\n", 1403)).toMatchObject({ fileError: "chairs.import.error.columns", missingColumns: ["external_ref", "date", "hours", "participants"] });
    expect(parseActivitiesCsv("\uFFFD\uFFFD", 1403).fileError).toBe("chairs.import.error.encoding");
    expect(parseActivitiesCsv("", 1403).fileError).toBe("chairs.import.error.empty");
  });
});
