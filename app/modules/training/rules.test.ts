import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { attendancePct, completionRate, courseProblems, employmentRate, placeFor, promotions } from "./rules";
import { courseSchema } from "./schema";
import { courseActions, courseStepProblem } from "./workflow";

describe("course rules", () => {
  it("refuses an end before the start, accepts a one-day course", () => {
    expect(courseProblems({ startsOn: "2026-12-10", endsOn: "2026-12-09" })).toEqual({ endsOn: "training.error.endBeforeStart" });
    expect(courseProblems({ startsOn: "2026-12-10", endsOn: "2026-12-10" })).toEqual({});
  });

  it("gives hours of zero a field error of its own", () => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ title: "خیاطی", occupation: "7", hours: "۰", mode: "in_person", county: "tabriz", startsOn: "1405/10/01", endsOn: "1405/11/01", capacity: "20", minEducation: "none" })) f.set(k, v);
    const p = parseForm(courseSchema, f);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors.hours).toBe("error.training.hoursZero");
    f.set("hours", "۱۲۰");
    const ok = parseForm(courseSchema, f);
    expect(ok.ok && ok.data.hours).toBe(120);
  });
});

describe("capacity and the waiting list", () => {
  it("accepts up to capacity, then waits", () => {
    expect(placeFor(19, 20)).toBe("accepted");
    expect(placeFor(20, 20)).toBe("waiting");
  });

  it("promotes as many as there are free places, never more than wait", () => {
    expect(promotions(19, 20, 2)).toBe(1);
    expect(promotions(20, 20, 2)).toBe(0);
    expect(promotions(15, 20, 2)).toBe(2);
    expect(promotions(19, 20, 0)).toBe(0);
  });
});

describe("attendance", () => {
  it("takes a percentage up to 100", () => {
    expect(attendancePct({ attendancePct: 100 })).toEqual({ pct: 100, errors: {} });
    expect(attendancePct({ attendancePct: 101 }).errors).toEqual({ attendancePct: "training.error.attendanceOver" });
  });
  it("computes the percentage from sessions, never over 100%", () => {
    expect(attendancePct({ sessionsAttended: 9, sessionsTotal: 12 }).pct).toBe(75);
    expect(attendancePct({ sessionsAttended: 13, sessionsTotal: 12 }).errors).toEqual({ sessionsAttended: "training.error.attendanceOver" });
    expect(attendancePct({}).errors).toEqual({ attendancePct: "error.required" });
  });
});

describe("outcome rates", () => {
  it("counts the employment rate only among the known, with the unknown share beside it", () => {
    const r = employmentRate({ due: 10, employed: 3, selfEmployed: 1, notEmployed: 4, unknown: 1 });
    expect(r.known).toBe(8);
    expect(r.rate).toBe(0.5);
    expect(r.unknownShare).toBe(0.2); // one recorded unknown + one not checked yet
  });
  it("has no rate before anyone is known", () => {
    expect(employmentRate({ due: 3, employed: 0, selfEmployed: 0, notEmployed: 0, unknown: 3 })).toEqual({ rate: null, known: 0, unknownShare: 1 });
    expect(employmentRate({ due: 0, employed: 0, selfEmployed: 0, notEmployed: 0, unknown: 0 }).unknownShare).toBeNull();
  });
  it("computes completion among those with a result", () => {
    expect(completionRate(18, 20)).toBe(0.9);
    expect(completionRate(0, 0)).toBeNull();
  });
});

describe("course workflow", () => {
  it("lists the steps of each status", () => {
    expect(courseActions("draft")).toEqual(["open", "cancel"]);
    expect(courseActions("running")).toEqual(["finish", "cancel"]);
    expect(courseActions("finished")).toEqual([]);
  });
  it("refuses illegal steps and a finish with results missing", () => {
    expect(courseStepProblem("draft", "finish")).toBe("training.error.illegalStep");
    expect(courseStepProblem("running", "finish", { unresolved: 2 })).toBe("training.error.resultsMissing");
    expect(courseStepProblem("running", "finish", { unresolved: 0 })).toBeNull();
  });
});
