import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchCsp, hydrated, staffFromLink, linksStillWork, zipEntry } from './support';

// Staff record what an event achieved, in Vietnamese: a bad figure is refused beside its field,
// a changed outcome is an estimate (and leaves the public figures) until confirmed again; the
// public results page and the event page show confirmed figures, with and without JavaScript; a
// file of evidence is attached to the figures, downloaded and removed.

watchCsp();

test('staff record and confirm outcomes; the public results show them', async ({ page, browser }) => {
  await staffFromLink(page, 'RESULTS_LINK', 'ketqua@sct-daklak.test');

  // a completed demo fair with confirmed figures, found on the public results page
  await page.goto('/ket-qua');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kết quả xúc tiến thương mại năm');
  const article = page.locator('article.result', { hasText: 'Lượt khách tham quan' }).first();
  const href = await article.getByRole('link').first().getAttribute('href');
  const id = href!.split('/').pop();

  await page.goto(`/can-bo/su-kien/${id}/ket-qua`);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chỉ tiêu và kết quả');
  await expect(page.locator('#outcomes-confirmed')).toContainText('Đã xác nhận');
  const visitors = page.getByLabel('Lượt khách tham quan (lượt) — thực hiện');

  // a fraction is refused beside the field, and nothing changes
  const before = await visitors.inputValue();
  await visitors.fill('12,5');
  await page.getByRole('button', { name: 'Lưu số liệu' }).click();
  await expect(page.locator('[id="f-visitors-actual-msg"]')).toContainText('Chỉ nhận số nguyên');
  await page.reload();
  await hydrated(page);
  await expect(visitors).toHaveValue(before);

  // a new outcome is an estimate until confirmed
  await visitors.fill('55.555');
  await page.getByRole('button', { name: 'Lưu số liệu' }).click();
  await expect(page.locator('#outcomes-saved')).toHaveText('Đã lưu số liệu.');
  const row = page.getByRole('row', { name: /Lượt khách tham quan/ });
  await expect(row).toContainText('Ước đạt');
  await expect(visitors).toHaveValue('55.555');
  const eventPage = await (await browser.newContext()).newPage();
  await eventPage.goto(`/su-kien/${id}`);
  await expect(eventPage.locator('section.results')).toBeVisible();
  await expect(eventPage.locator('section.results')).not.toContainText('Lượt khách tham quan');

  await page.getByRole('button', { name: 'Xác nhận số liệu' }).click();
  await expect(page.locator('#outcomes-saved')).toHaveText('Đã xác nhận số liệu thực hiện.');
  await expect(row).toContainText('Đã xác nhận');

  // the event's results report: a Word document in the administrative form, its Excel annex,
  // and a page to print, each downloaded with JavaScript on
  await page.goto(`/can-bo/su-kien/${id}/ket-qua`);
  await hydrated(page);
  const docxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Báo cáo kết quả sự kiện (Word)' }).click();
  const docx = readFileSync(await (await docxDownload).path());
  const documentXml = zipEntry(docx, 'word/document.xml');
  for (const words of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'SỞ CÔNG THƯƠNG', 'BÁO CÁO', 'Lượt khách tham quan', '55.555', 'Nơi nhận:', 'GIÁM ĐỐC']) {
    expect(documentXml).toContain(words);
  }
  expect(zipEntry(docx, 'word/styles.xml')).toContain('Times New Roman');
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Phụ lục báo cáo sự kiện (Excel)' }).click();
  const xlsx = readFileSync(await (await xlsxDownload).path());
  expect(zipEntry(xlsx, 'xl/workbook.xml')).toContain('Chi tieu');
  expect(zipEntry(xlsx, 'xl/sharedStrings.xml')).toContain('Lượt khách tham quan');
  const yearDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Báo cáo năm \d{4} \(Word\)$/ }).click();
  expect(zipEntry(readFileSync(await (await yearDownload).path()), 'word/document.xml')).toContain('Các sự kiện trong năm');
  await page.getByRole('link', { name: 'Báo cáo sự kiện, bản in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('BÁO CÁO');
  await expect(page.locator('table').first()).toContainText('55.555');
  await page.goto(`/can-bo/su-kien/${id}/ket-qua`);
  await hydrated(page);
  await linksStillWork(page);

  // evidence behind the confirmed figures: the minutes as a PDF, for the visitors' figure;
  // listed, downloaded, removed
  await page.goto(`/can-bo/su-kien/${id}/ket-qua`);
  await hydrated(page);
  await page.getByLabel('Tệp minh chứng').setInputFiles({
    name: 'Biên bản tổng kết.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7\n% bien ban tong ket\n'),
  });
  await page.getByLabel('Mô tả', { exact: true }).fill('Biên bản tổng kết hội chợ');
  await page.getByLabel('Cho chỉ tiêu').selectOption({ label: 'Lượt khách tham quan' });
  await page.getByRole('button', { name: 'Tải minh chứng lên' }).click();
  await expect(page).toHaveURL(/minh-chung=1/);
  await hydrated(page);
  const evidence = page.locator('ul.evidence li').filter({ hasText: 'Biên bản tổng kết.pdf' });
  await expect(evidence).toContainText('Biên bản tổng kết hội chợ');
  await expect(evidence).toContainText('Lượt khách tham quan');
  const evidenceDownload = page.waitForEvent('download');
  await evidence.getByRole('link').click();
  expect(readFileSync(await (await evidenceDownload).path(), 'utf8')).toContain('bien ban tong ket');
  await evidence.getByRole('button', { name: 'Xóa Biên bản tổng kết.pdf' }).click();
  await expect(page.locator('ul.evidence li').filter({ hasText: 'Biên bản tổng kết.pdf' })).toHaveCount(0);

  // public, without JavaScript: the event page and the year's results carry the confirmed figure
  const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await noJs.goto(`/su-kien/${id}`);
  await expect(noJs.locator('section.results')).toContainText('55.555 lượt');
  await noJs.goto('/ket-qua');
  await expect(noJs.locator(`#su-kien-${id}`)).toContainText('55.555 lượt');
  await expect(noJs.locator('#totals')).toContainText('Lượt khách tham quan');

  // before an event: targets only, no outcome field
  await page.goto('/lich');
  const upcoming = await page.locator('a[href^="/su-kien/"]', { hasText: 'Hội chợ' }).first().getAttribute('href');
  await page.goto(`/can-bo/su-kien/${upcoming!.split('/').pop()}/ket-qua`);
  await hydrated(page);
  await expect(page.getByText('Sự kiện chưa diễn ra')).toBeVisible();
  await expect(page.getByLabel(/— thực hiện$/)).toHaveCount(0);
  await page.getByLabel('Lượt khách tham quan (lượt) — kế hoạch').fill('40.000');
  await page.getByRole('button', { name: 'Lưu số liệu' }).click();
  await expect(page.locator('#outcomes-saved')).toHaveText('Đã lưu số liệu.');
  await expect(page.getByLabel('Lượt khách tham quan (lượt) — kế hoạch')).toHaveValue('40.000');
  await expect(page.getByRole('button', { name: 'Xác nhận số liệu' })).toHaveCount(0);
});
