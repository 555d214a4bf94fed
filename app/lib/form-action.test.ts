import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formAction, placeErrors, readForm } from "./form-action.server";
import { int, text, schemaFields } from "./forms";
import { badRequest, conflict, forbidden, isHttpError, httpErrorStatus } from "./http";

const schema = z.object({ name: text(), employees: int(0, 100) });
const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};
const ok = async () => new Response(null, { status: 302, headers: { Location: "/done" } });

type Answer = { data: { intent?: string; errors: Record<string, string>; values: Record<string, string>; lists: Record<string, string[]> }; init: { status: number } };

describe("formAction", () => {
  it("answers 400 with field messages and echoes what was typed, Persian digits included", async () => {
    const r = (await formAction(form([["name", ""], ["employees", "۱۲۰۰"], ["password", "secret"]]), schema, ok)) as unknown as Answer;
    expect(r.init.status).toBe(400);
    expect(r.data.errors).toEqual({ name: "error.required", employees: "error.numberTooLarge" });
    expect(r.data.values).toEqual({ name: "", employees: "۱۲۰۰" });
  });

  it("runs the use case with parsed data and returns its response", async () => {
    let got: unknown;
    const r = await formAction(form([["name", " دهیاری "], ["employees", "۱۲"]]), schema, async (v) => ((got = v), ok()));
    expect((r as Response).status).toBe(302);
    expect(got).toEqual({ name: "دهیاری", employees: 12 });
  });

  it("puts a service error on the field the form has, and one on a field it lacks on the form", async () => {
    const r = (await formAction(form([["name", "x"], ["employees", "15"]]), schema, async () => {
      throw badRequest("error.form", { employees: "cases.error.x", retainedFullTime: "cases.error.y" });
    })) as unknown as Answer;
    expect(r.init.status).toBe(400);
    expect(r.data.errors).toEqual({ employees: "cases.error.x", _form: "cases.error.y" });
  });

  it("answers a stale form (409) on the form, keeping the typed values and the intent", async () => {
    const r = (await formAction(form([["name", "x"], ["employees", "1"]]), schema, async () => { throw conflict("error.stale"); }, { intent: "save" })) as unknown as Answer;
    expect(r.init.status).toBe(409);
    expect(r.data).toMatchObject({ intent: "save", errors: { _form: "error.stale" }, values: { name: "x", employees: "1" } });
  });

  it("throws 403 on to the error page", async () => {
    await expect(formAction(form([["name", "x"], ["employees", "1"]]), schema, async () => { throw forbidden(); })).rejects.toSatisfy(
      (e: unknown) => isHttpError(e) && httpErrorStatus(e) === 403,
    );
  });

  it("with `visible`, an error on a hidden input (version) goes on the form, parse errors too", async () => {
    const withVersion = z.object({ version: int(1, 1000), name: text() });
    const bad = (await formAction(form([["version", "x"], ["name", ""]]), withVersion, ok, { intent: "a", visible: ["name"] })) as unknown as Answer;
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors).toEqual({ _form: "error.invalidNumber", name: "error.required" });
    const stale = (await formAction(form([["version", "1"], ["name", "x"]]), withVersion, async () => {
      throw badRequest("error.form", { version: "error.conflict" });
    }, { visible: ["name"] })) as unknown as Answer;
    expect(stale.data.errors).toEqual({ _form: "error.conflict" });
  });

  it("with `rename`, a service's field name (the files module's `file`) lands on the form's input", async () => {
    const r = (await formAction(form([["name", "x"], ["employees", "1"]]), schema, async () => {
      throw badRequest("error.form", { file: "error.fileType" });
    }, { fields: ["evidence"], rename: { file: "evidence" } })) as unknown as Answer;
    expect(r.data.errors).toEqual({ evidence: "error.fileType" });
  });

  it("keeps every value of a repeated field", async () => {
    const r = (await formAction(form([["name", ""], ["employees", "1"], ["area", "a"], ["area", "b"]]), schema, ok)) as unknown as Answer;
    expect(r.data.lists).toEqual({ area: ["a", "b"] });
  });
});

describe("placeErrors and schemaFields", () => {
  it("finds fields through preprocess and refine wrappers", () => {
    const wrapped = schema.refine(() => true).transform((x) => x);
    expect([...(schemaFields(wrapped) ?? [])].sort()).toEqual(["employees", "name"]);
  });
  it("a nested row error stays on its row", () => {
    expect(placeErrors(new Set(["members"]), { "members.2.nationalId": "error.invalidNationalId" }, "error.form")).toEqual({ "members.2.nationalId": "error.invalidNationalId" });
  });
  it("a bare message goes on the form", () => {
    expect(placeErrors(new Set(["a"]), undefined, "cases.error.notAllowed")).toEqual({ _form: "cases.error.notAllowed" });
  });
});

describe("readForm", () => {
  const req = (type: string | null, body: string) => new Request("http://x/", { method: "POST", body, headers: type ? { "Content-Type": type } : {} });
  const status = async (p: Promise<unknown>) => p.then(() => 200, (e) => (isHttpError(e) ? httpErrorStatus(e) : 500));
  it("refuses JSON and text bodies with 415, a broken multipart body with 400", async () => {
    expect(await status(readForm(req("application/json", "{}")))).toBe(415);
    expect(await status(readForm(req("text/plain", "a=b")))).toBe(415);
    expect(await status(readForm(req("multipart/form-data; boundary=zzz", "--zzz\r\nbroken")))).toBe(400);
    expect(await status(readForm(req("application/x-www-form-urlencoded", "a=b")))).toBe(200);
  });
});
