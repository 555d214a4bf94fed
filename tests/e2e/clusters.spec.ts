// Business clusters (issue 12 item 6), in Persian: the demo cluster agent sees their clusters on the
// home page, creates a cluster, is refused the diagnosis without firms (field message), adds two
// firms, moves the cluster to diagnosis, records the study with its document, moves to trust
// building, runs a joint project and reports its jobs per firm to the employment ledger; the cluster
// is in the public directory (Persian, then English left to right). Axe on every page visited.
import { expect, test } from "@playwright/test";
import { todayTehran } from "../../app/i18n/clock";
import { toJalaliInput } from "../../app/i18n/format";
import { samplePdf } from "../factories/files";
import { expectAccessible, login, logout } from "./helpers";

const NAME = "خوشه سفال و سرامیک آزمون";
const AGENT = "cluster@demo.karafarini.ir";

test("a cluster agent grows a cluster: firms, diagnosis, joint project, jobs per firm, directory", async ({ page }) => {
  test.setTimeout(600_000);
  const today = toJalaliInput(todayTehran(), "fa");
  await login(page, AGENT);
  await expect(page.getByTestId("cluster-home")).toContainText("خوشه کفش و چرم تبریز (نمایشی)");
  await expect(page.locator("main")).toContainText("دوره طراحی کفش (نمایشی)");
  await expectAccessible(page);

  await page.goto("/clusters/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("خوشه جدید");
  await page.getByRole("button", { name: "ثبت خوشه" }).click();
  await expect(page.getByText("دست‌کم یک شهرستان را انتخاب کنید.")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("نام خوشه").fill(NAME);
  await page.getByLabel("محصول یا رشته").fill("سفال لالجین");
  await page.getByLabel("بخش اقتصادی").selectOption("C");
  await page.getByRole("checkbox", { name: "تبریز" }).check();
  await page.getByRole("button", { name: "ثبت خوشه" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
  await expect(page.getByTestId("cluster-stage")).toHaveText("شناسایی");
  await expectAccessible(page);

  // the diagnosis needs two member firms: a field message, nothing changes
  const move = page.getByTestId("cluster-move");
  await move.getByLabel("تاریخ").fill(today);
  await move.getByLabel("یادداشت").fill("آغاز مطالعه شناخت");
  await move.getByRole("button", { name: "ثبت تغییر مرحله" }).click();
  await expect(page.getByText("برای آغاز مطالعه شناخت دست‌کم دو بنگاه عضو لازم است.")).toBeVisible();
  await expect(page.getByTestId("cluster-stage")).toHaveText("شناسایی");

  for (const [reg, name] of [["E2E-CL-01", "کارگاه سفال یکم"], ["E2E-CL-02", "کارگاه سفال دوم"]]) {
    const firm = page.getByTestId("cluster-firm-form");
    // The disclosure stays open after the first firm is added: open it only when it is closed.
    if (!(await firm.getByLabel("شماره ثبت").isVisible())) await page.getByText("افزودن بنگاه عضو").click();
    await firm.getByLabel("شماره ثبت").fill(reg);
    await firm.getByLabel("نام بنگاه").fill(name);
    await firm.getByLabel("تاریخ عضویت").fill(today);
    await firm.getByRole("button", { name: "افزودن بنگاه" }).click();
    await expect(page.getByTestId("cluster-firms")).toContainText(name);
  }

  await move.getByLabel("تاریخ").fill(today);
  await move.getByLabel("یادداشت").fill("آغاز مطالعه شناخت");
  await move.getByRole("button", { name: "ثبت تغییر مرحله" }).click();
  await expect(page.getByTestId("cluster-stage")).toHaveText("مطالعه شناخت");

  const study = page.getByTestId("cluster-study-form");
  await study.getByLabel("نقاط قوت").fill("استادکاران باتجربه و نقش‌های بومی");
  await study.getByLabel("نقاط ضعف").fill("کوره‌های فرسوده و فروش پراکنده");
  await study.getByLabel("نیازها").fill("کوره مشترک و غرفه فروش");
  await study.locator('input[name="file"]').setInputFiles({ name: "study.pdf", mimeType: "application/pdf", buffer: samplePdf("study") });
  await study.getByRole("button", { name: "ذخیره مطالعه شناخت" }).click();
  await expect(page.getByTestId("cluster-study")).toContainText("study.pdf");
  await expectAccessible(page);

  await move.getByLabel("تاریخ").fill(today);
  await move.getByLabel("یادداشت").fill("نشست اعتمادسازی با بنگاه‌ها");
  await move.getByRole("button", { name: "ثبت تغییر مرحله" }).click();
  await expect(page.getByTestId("cluster-stage")).toHaveText("اعتمادسازی");
  await expect(page.getByTestId("cluster-timeline")).toContainText("از مطالعه شناخت به اعتمادسازی");

  await page.getByText("پروژه مشترک جدید").click();
  const project = page.getByTestId("cluster-project-form");
  await project.getByLabel("عنوان پروژه").fill("کوره مشترک سفال");
  await project.getByLabel("نوع پروژه").selectOption("facility");
  await project.getByLabel("بودجه (ریال)").fill("۵۰۰٬۰۰۰٬۰۰۰");
  await project.getByLabel("تاریخ شروع").fill(today);
  await project.getByRole("checkbox", { name: "کارگاه سفال یکم" }).check();
  await project.getByRole("checkbox", { name: "کارگاه سفال دوم" }).check();
  await project.getByRole("button", { name: "ثبت پروژه" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("کوره مشترک سفال");
  await expectAccessible(page);
  await page.getByRole("button", { name: "شروع اجرا" }).click();
  await expect(page.getByTestId("project-status")).toHaveText("در حال اجرا");

  for (const [name, jobs] of [["کارگاه سفال یکم", "۳"], ["کارگاه سفال دوم", "۲"]]) {
    const form = page.getByTestId("project-jobs-form");
    await form.getByLabel("نام بنگاه").selectOption({ label: name });
    await form.getByLabel("تاریخ گزارش").fill(today);
    await form.getByLabel("شغل تمام‌وقت").fill(jobs);
    await form.getByRole("button", { name: "گزارش به سامانه اشتغال" }).click();
    await expect(page.getByTestId("project-firms").getByRole("row", { name: new RegExp(name) })).toContainText("گزارش شد");
  }
  await expect(page.getByTestId("project-jobs-form")).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: NAME }).click();
  await expect(page.getByTestId("cluster-jobs")).toHaveText("۵");
  await logout(page);

  // The public directory, in Persian then in English (left to right).
  await page.goto(`/clusters/directory?q=${encodeURIComponent("سفال")}`);
  await expect(page.getByTestId("cluster-directory")).toContainText(NAME);
  await expect(page.getByTestId("cluster-directory")).toContainText("اعتمادسازی");
  await expectAccessible(page);
  await page.getByRole("button", { name: "تغییر زبان به انگلیسی" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Business clusters of the province");
  await expect(page.getByTestId("cluster-directory")).toContainText("Trust building");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Switch language to Persian" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fa");
});
