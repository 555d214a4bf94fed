// Business clusters (issue 12 item 6), in Persian: the demo cluster agent sees their clusters on the
// home page, creates a cluster, is refused the diagnosis without firms (field message), adds two firms
// on the add-firm page (a missing date keeps what was typed), moves the cluster to diagnosis, records
// the study with its document, moves to trust building, runs a joint project (created on its own page)
// and reports its jobs per firm to the employment ledger, records a firm leaving on its own page; the
// cluster is in the public directory (Persian, then English left to right). Axe on every page visited.
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

  // Firms are added on their own page, reached by a link (the cluster page lists its firms once).
  for (const [reg, name] of [["E2E-CL-01", "کارگاه سفال یکم"], ["E2E-CL-02", "کارگاه سفال دوم"]]) {
    await page.getByRole("link", { name: "افزودن بنگاه عضو" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("افزودن بنگاه عضو");
    const firm = page.getByTestId("cluster-firm-form");
    await firm.getByLabel("شماره ثبت").fill(reg);
    await firm.getByLabel("نام بنگاه").fill(name);
    if (reg === "E2E-CL-01") {
      // without the date: the field's message, and what was typed is kept
      await firm.getByRole("button", { name: "افزودن بنگاه" }).click();
      await expect(firm.getByText("لطفاً خطاهای فرم را برطرف کنید.")).toBeVisible();
      await expect(firm.getByLabel("شماره ثبت")).toHaveValue(reg);
      await expect(firm.getByLabel("نام بنگاه")).toHaveValue(name);
      await expectAccessible(page);
    }
    await firm.getByLabel("تاریخ عضویت").fill(today);
    await firm.getByRole("button", { name: "افزودن بنگاه" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
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

  await page.getByRole("link", { name: "پروژه مشترک جدید" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("پروژه مشترک جدید");
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

  // A firm leaves, on its own page: chosen from the live firms (no id typed); without the date the
  // choice is kept with the field's message; its reported jobs stay with the cluster.
  await page.getByRole("link", { name: "ثبت خروج بنگاه" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ثبت خروج بنگاه");
  const leave = page.getByTestId("cluster-leave-form");
  await leave.getByLabel("نام بنگاه").selectOption({ label: "کارگاه سفال دوم" });
  await leave.getByRole("button", { name: "ثبت خروج" }).click();
  await expect(leave.getByText("لطفاً خطاهای فرم را برطرف کنید.")).toBeVisible();
  await expect(leave.getByLabel("نام بنگاه").locator("option:checked")).toHaveText("کارگاه سفال دوم");
  await expectAccessible(page);
  await leave.getByLabel("تاریخ خروج").fill(today);
  await leave.getByRole("button", { name: "ثبت خروج" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME);
  await expect(page.getByTestId("cluster-firms")).not.toContainText("کارگاه سفال دوم");
  await expect(page.locator("main")).toContainText("بنگاه‌های خارج‌شده: کارگاه سفال دوم");
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
