import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchCsp, hydrated, staffFromLink, zipEntry } from './support';

// Staff keep the year's trade-promotion plan and an event's budget, in Vietnamese: the demo year
// is approved by a decision; a bad amount is refused beside its field and changes nothing; a new
// cost line is saved and the plan's totals take it; the year's report and its annex carry the
// budget and the decision; the year's dashboard draws its charts beside their tables. The plan and
// the dashboard read without JavaScript.

watchCsp();

/** "575.000.000 đ" → 575000000 */
function dong(text: string | null): number {
  return Number((text ?? '').replace(/\D/g, ''));
}

test('staff keep the plan and an event budget; the year report carries them', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await staffFromLink(page, 'BUDGET_LINK', 'kinhphi@sct-daklak.test');

  await page.goto('/can-bo');
  await hydrated(page);
  await page.getByRole('link', { name: 'Kế hoạch và kinh phí năm' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kế hoạch xúc tiến thương mại');
  await hydrated(page);
  await expect(page.locator('#plan-decision')).toContainText(/Phê duyệt theo Quyết định số \d+\/QĐ-UBND ngày 15\/01\/\d{4} của UBND tỉnh Đắk Lắk/);

  // a fraction of a đồng in the approved budget is refused beside its field
  const approved = page.getByLabel('Kinh phí được duyệt (đồng)');
  const approvedBefore = await approved.inputValue();
  await approved.fill('1.000,5');
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
  await expect(page.locator('#f-budget-msg')).toContainText('Chỉ nhận số nguyên');
  await expect(page.locator('#plan-saved')).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(approved).toHaveValue(approvedBefore);

  // the first event of the year, its planned budget, and the plan's total by source
  const first = page.locator('table.plan-events tbody tr').first();
  const title = (await first.locator('th').textContent())!.trim();
  const plannedBefore = dong(await first.locator('td.num a').textContent());
  const sponsorsRow = page.locator('#plan-by-funding tbody tr').filter({ hasText: 'Tài trợ' });
  const sponsorsBefore = (await sponsorsRow.count()) ? dong(await sponsorsRow.locator('td').first().textContent()) : 0;
  await first.locator('td.num a').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kinh phí sự kiện');
  await expect(page.locator('p.lead')).toContainText(title);
  await hydrated(page);
  await expect(page.locator('#budget-support-computed')).toContainText('Đã cam kết');

  // paid above committed is refused beside its field, and nothing is stored
  const row = page.locator('fieldset.budget-line').filter({ hasText: 'Thêm khoản chi' }).first();
  await row.getByLabel('Khoản chi', { exact: true }).selectOption('travel');
  await row.getByLabel('Nguồn kinh phí', { exact: true }).selectOption('sponsors');
  await row.getByLabel('Kế hoạch (đồng)', { exact: true }).fill('25.000.000');
  await row.getByLabel('Đã cam kết (đồng)', { exact: true }).fill('10.000.000');
  await row.getByLabel('Đã chi (đồng)', { exact: true }).fill('12.000.000');
  await page.getByRole('button', { name: 'Lưu kinh phí' }).click();
  await expect(row.locator('.field-error').filter({ hasText: 'lớn hơn số đã cam kết' })).toBeVisible();
  await expect(page.locator('#budget-saved')).toHaveCount(0);

  await row.getByLabel('Đã chi (đồng)', { exact: true }).fill('10.000.000');
  await page.getByRole('button', { name: 'Lưu kinh phí' }).click();
  await expect(page.locator('#budget-saved')).toBeVisible();
  // stored: read again from the server
  await page.reload();
  await hydrated(page);
  // the one line of that pair (a select's text holds every option, so the chosen ones are matched)
  const saved = page
    .locator('fieldset.budget-line')
    .filter({ has: page.locator('option[value=travel]:checked') })
    .filter({ has: page.locator('option[value=sponsors]:checked') });
  await expect(saved.getByLabel('Kế hoạch (đồng)', { exact: true })).toHaveValue('25000000');
  await expect(page.locator('#budget-by-funding tbody tr').filter({ hasText: 'Tài trợ' })).toBeVisible();

  // the plan adds it up: the event's planned budget and the sponsors' line both grow by it
  await page.getByRole('link', { name: /^Kế hoạch năm \d{4}$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kế hoạch xúc tiến thương mại');
  await hydrated(page);
  const again = page.locator('table.plan-events tbody tr').filter({ hasText: title }).first();
  await expect.poll(async () => dong(await again.locator('td.num a').textContent())).toBe(plannedBefore + 25_000_000);
  await expect.poll(async () => dong(await sponsorsRow.locator('td').first().textContent())).toBe(sponsorsBefore + 25_000_000);

  // the year's report, in Word and its Excel annex, carries the decision and the budget
  const docxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Báo cáo năm \d{4} \(Word\)$/ }).click();
  const documentXml = zipEntry(readFileSync(await (await docxDownload).path()), 'word/document.xml');
  for (const words of ['Kinh phí thực hiện', 'Quyết định số', 'Tài trợ', 'Đi lại, vận chuyển hàng hóa', 'Tổng cộng']) {
    expect(documentXml).toContain(words);
  }
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Phụ lục báo cáo năm \d{4} \(Excel\)$/ }).click();
  const xlsx = readFileSync(await (await xlsxDownload).path());
  expect(zipEntry(xlsx, 'xl/workbook.xml')).toContain('name="Kinh phi"');
  expect(zipEntry(xlsx, 'xl/sharedStrings.xml')).toContain('Đã chi (đồng)');

  // the year's dashboard: the budget paid includes the new line, each chart beside its table
  await page.goto('/can-bo');
  await hydrated(page);
  await page.getByRole('link', { name: 'Tổng hợp kết quả năm' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp kết quả năm');
  await expect(page.locator('#dashboard-summary')).toContainText('Doanh nghiệp tham gia');
  const budgetPanel = page.locator('section#budget');
  await expect(budgetPanel.locator('figure.chart svg')).toHaveAttribute('role', 'img');
  await expect(budgetPanel.locator('tbody tr').filter({ hasText: 'Kế hoạch' })).toBeVisible();
  await expect(page.locator('section#by-month tbody tr')).toHaveCount(12);

  // staff add an indicator fairs are measured by: a headline text is refused beside its field
  await page.goto('/can-bo');
  await hydrated(page);
  await page.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chỉ tiêu đánh giá sự kiện');
  await hydrated(page);
  const name = `Lượt quét mã QR ${Date.now()}`;
  await page.getByLabel('Tên chỉ tiêu', { exact: true }).fill(name);
  await page.getByLabel('Cách đo').selectOption('text');
  await page.getByLabel('Chỉ tiêu chính (hiện trong kết quả công khai)').check();
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(page.locator('#f-headline-msg')).toContainText('không thể là chỉ tiêu chính');
  await expect(page.locator('table.indicators')).not.toContainText(name);
  await page.getByLabel('Cách đo').selectOption('count');
  await page.getByLabel('Đơn vị tính (ví dụ lượt, gian)').fill('lượt');
  await page.getByLabel('Hội chợ', { exact: true }).check();
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await expect(page.locator('#indicator-saved')).toBeVisible();
  await expect(page.locator('table.indicators tbody tr').filter({ hasText: name })).toContainText('Cán bộ nhập');

  // without JavaScript the plan and the dashboard read the same
  const noJs = await (await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() })).newPage();
  await noJs.goto('/can-bo/ke-hoach');
  await expect(noJs.locator('#plan-decision')).toContainText('Phê duyệt theo Quyết định số');
  await expect(noJs.locator('table.plan-events tbody tr').filter({ hasText: title })).toBeVisible();
  await noJs.goto('/can-bo/tong-hop');
  await expect(noJs.locator('section#by-kind figure.chart svg > title')).toHaveText('Sự kiện theo loại');
});
