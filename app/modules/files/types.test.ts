import { describe, expect, it } from "vitest";
// Test files are never part of the app build; the sample files are shared with the integration and e2e tests.
// eslint-disable-next-line no-restricted-imports
import { makeZip, sampleDocx, sampleExe, sampleJpeg, samplePdf, samplePng, sampleXlsx } from "../../../tests/factories/files";
import { allowedExtension, attachmentDisposition, bytesReader, checkFile, cleanFileName, sniff, zipEntryNames } from "./types";

const MB = 1024 * 1024;
const check = (name: string, bytes: Uint8Array, max = 10 * MB) => checkFile(name, bytesReader(bytes), max);

describe("file type checks", () => {
  it("accepts each allowed type when the extension and the content agree", async () => {
    expect(await check("report.pdf", samplePdf())).toEqual({ ok: true, extension: "pdf", mimeType: "application/pdf" });
    expect(await check("photo.PNG", samplePng())).toMatchObject({ ok: true, extension: "png", mimeType: "image/png" });
    expect(await check("photo.jpg", sampleJpeg())).toMatchObject({ ok: true, mimeType: "image/jpeg" });
    expect(await check("photo.jpeg", sampleJpeg())).toMatchObject({ ok: true, mimeType: "image/jpeg" });
    expect(await check("plan.docx", sampleDocx())).toMatchObject({ ok: true, extension: "docx" });
    expect(await check("sheet.xlsx", sampleXlsx())).toMatchObject({ ok: true, extension: "xlsx" });
    expect(await check("طرح کسب‌وکار.pdf", samplePdf())).toMatchObject({ ok: true });
  });

  it("refuses files that lie about their type", async () => {
    expect(await check("report.pdf", samplePng())).toEqual({ ok: false, error: "error.fileMismatch" }); // a PNG named .pdf
    expect(await check("invoice.pdf", sampleExe())).toEqual({ ok: false, error: "error.fileMismatch" }); // an .exe renamed .pdf
    expect(await check("photo.png", samplePdf())).toEqual({ ok: false, error: "error.fileMismatch" });
    expect(await check("photo.jpg", samplePng())).toEqual({ ok: false, error: "error.fileMismatch" });
    expect(await check("plan.docx", samplePdf())).toEqual({ ok: false, error: "error.fileMismatch" });
  });

  it("refuses a ZIP that is not the Office document its extension claims", async () => {
    const plainZip = makeZip({ "readme.txt": "hi", "src/main.js": "x" });
    expect(await check("plan.docx", plainZip)).toEqual({ ok: false, error: "error.fileMismatch" });
    expect(await check("sheet.xlsx", plainZip)).toEqual({ ok: false, error: "error.fileMismatch" });
    expect(await check("sheet.xlsx", sampleDocx())).toEqual({ ok: false, error: "error.fileMismatch" }); // a Word file named .xlsx
    expect(await check("plan.docx", sampleXlsx())).toEqual({ ok: false, error: "error.fileMismatch" });
    // word/ entries but no [Content_Types].xml
    expect(await check("plan.docx", makeZip({ "word/document.xml": "x" }))).toEqual({ ok: false, error: "error.fileMismatch" });
    // a truncated archive: the central directory is gone
    const docx = sampleDocx();
    expect(await check("plan.docx", docx.subarray(0, docx.length - 40))).toEqual({ ok: false, error: "error.fileMismatch" });
  });

  it("refuses empty, oversized and not-allowed files", async () => {
    expect(await check("empty.pdf", new Uint8Array())).toEqual({ ok: false, error: "error.fileEmpty" });
    expect(await check("big.pdf", samplePdf(), 100)).toEqual({ ok: false, error: "error.fileTooLarge" });
    expect(await check("setup.exe", sampleExe())).toEqual({ ok: false, error: "error.fileType" });
    expect(await check("noextension", samplePdf())).toEqual({ ok: false, error: "error.fileType" });
    expect(await check("page.html", Buffer.from("<html>"))).toEqual({ ok: false, error: "error.fileType" });
    expect(await check("archive.zip", makeZip({ "a.txt": "a" }))).toEqual({ ok: false, error: "error.fileType" });
  });

  it("reads the extension from the end of the name only", () => {
    expect(allowedExtension("report.pdf.exe")).toBeNull();
    expect(allowedExtension("report.exe.pdf")).toBe("pdf");
    expect(allowedExtension("REPORT.DOCX")).toBe("docx");
    expect(allowedExtension(".pdf")).toBe("pdf");
    expect(allowedExtension("pdf")).toBeNull();
  });

  it("sniffs containers and lists ZIP entries", async () => {
    expect(sniff(samplePdf())).toBe("pdf");
    expect(sniff(sampleExe())).toBeNull();
    expect(sniff(new Uint8Array([0x50, 0x4b, 0x05, 0x06]))).toBeNull(); // an empty ZIP
    expect(await zipEntryNames(bytesReader(sampleXlsx()))).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    expect(await zipEntryNames(bytesReader(Buffer.from("PK\u0003\u0004 not really a zip")))).toBeNull();
  });
});

describe("names", () => {
  it("keeps a display name without paths, control or bidi-override characters, but with the ZWNJ Persian needs", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\me\\report.pdf")).toBe("report.pdf");
    expect(cleanFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(cleanFileName("طرح\u200cکسب.pdf")).toBe("طرح\u200cکسب.pdf");
    expect(cleanFileName("a\u0000b.pdf")).toBe("ab.pdf");
    expect(cleanFileName(`${"x".repeat(300)}.pdf`)).toHaveLength(200);
    expect(cleanFileName(`${"x".repeat(300)}.pdf`).endsWith(".pdf")).toBe(true);
  });

  it("builds an attachment header with an ASCII fallback and the UTF-8 name", () => {
    expect(attachmentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    const h = attachmentDisposition('طرح "نهایی".pdf');
    expect(h.startsWith('attachment; filename="')).toBe(true);
    expect(h).toContain(`filename*=UTF-8''${encodeURIComponent('طرح "نهایی".pdf')}`);
    expect(h).not.toMatch(/[^\x20-\x7e]/);
    expect(attachmentDisposition("a'(b)*.pdf")).toContain("filename*=UTF-8''a%27%28b%29%2A.pdf");
  });
});
