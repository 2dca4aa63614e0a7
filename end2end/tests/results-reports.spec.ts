import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchCsp, hydrated, mailsTo, staffFromLink, producer, addProduct } from './support';

// A producer reports its results after a fair, in Vietnamese: it applies to the demo fair and is
// approved; the fair takes place (staff move its dates into the past, as time would); the
// producer is asked by e-mail, opens its report from the link, is refused a bad figure beside its
// field, sends sales, orders, a contract and a buyer; staff see the report and the sums on the
// outcomes page ("from 1 of N producers") and confirm them. Runs last: it ends the demo fair.

watchCsp();

/** yyyy-MM-ddTHH:mm, `days` from now, as a datetime-local field takes it. */
function local(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(hour)}:00`;
}

function isoDaysAgo(days: number): string {
  return local(-days, 12).slice(0, 10);
}

test('a producer reports its results; staff see the sums and confirm them', async ({ browser, page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `kq${stamp}@htx.test`;
  const org = `HTX mắc ca Krông Năng ${stamp}`;
  const p: Page = await producer(browser, email, org, 3);
  await addProduct(p, `Mắc ca sấy ${stamp}`, '3');

  // it applies to the demo fair
  await p.goto('/doanh-nghiep#ho-so');
  await hydrated(p);
  await p.locator('ul.open-calls a').first().click();
  await expect(p).toHaveURL(/\/doanh-nghiep\/ho-so\/\d+/);
  await hydrated(p);
  const fair = p.url().match(/ho-so\/(\d+)/)![1];
  await p.locator('label.choice').filter({ hasText: 'Gian tiêu chuẩn' }).locator('input').check();
  for (const box of await p.locator('.product-choice input[type=checkbox]').all()) await box.check();
  await p.locator('fieldset.choices').getByLabel('Có', { exact: true }).check();
  await p.locator('button[value=submit]').click();
  await expect(p.locator('#apply-status')).toHaveText('Đã nộp');

  // staff approve it, then the fair takes place
  await staffFromLink(page, 'REPORTS_LINK', 'baocao@sct-daklak.test');
  await page.goto(`/can-bo/su-kien/${fair}/ho-so`);
  await hydrated(page);
  const row = page.locator('#review-table tbody tr').filter({ hasText: org });
  await row.locator('.select-application').check();
  await page.locator('#decide-form select[name="form[action]"]').selectOption('approve');
  await page.locator('#decide-submit').click();
  await expect(row).toContainText('Được duyệt');
  await page.goto(`/can-bo/su-kien/${fair}`);
  await hydrated(page);
  await page.getByLabel('Bắt đầu', { exact: true }).fill(local(-10, 8));
  await page.getByLabel('Kết thúc', { exact: true }).fill(local(-7, 17));
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Đã lưu.', { exact: true })).toBeVisible();

  // the server's sweep (every minute) asks for the report; the e-mail's link opens it
  let link = '';
  await expect(async () => {
    const asked = mailsTo(email).find((t) => t.includes('đề nghị đơn vị báo cáo trước ngày'));
    link = asked?.match(new RegExp(`https?://[^\\s"<>]+/doanh-nghiep/bao-cao-ket-qua/${fair}`))?.[0] ?? '';
    expect(link).not.toBe('');
  }).toPass({ timeout: 100_000 });
  await p.goto(new URL(link).pathname);
  await hydrated(p);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Báo cáo kết quả tham gia');
  await expect(p.locator('#report-status')).toContainText('Hạn nộp báo cáo:');

  // a fraction of a đồng is refused beside its field, and nothing is sent
  await p.getByLabel('Doanh thu bán hàng (đồng)').fill('12.500.000,5');
  await p.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(p.locator('#f-sales-msg')).toContainText('Chỉ nhận số nguyên');
  await expect(p.locator('#report-saved')).toHaveCount(0);

  await p.getByLabel('Doanh thu bán hàng (đồng)').fill('12.500.000');
  await p.getByLabel('Số đơn hàng đã nhận').fill('40');
  const deal = p.locator('fieldset.deal').first();
  await deal.getByLabel('Bên ký kết').fill('Công ty Phân phối An Phát');
  await deal.getByLabel('Tỉnh, thành hoặc quốc gia').fill('TP. Hồ Chí Minh');
  await deal.getByLabel('Sản phẩm', { exact: true }).fill('Mắc ca sấy');
  await deal.getByLabel('Nhóm sản phẩm').selectOption({ label: 'Thực phẩm' });
  await deal.getByLabel('Giá trị (đồng)').fill('350.000.000');
  await deal.getByLabel('Ngày ký').fill(isoDaysAgo(8));
  const buyer = p.locator('fieldset.contact').first();
  await buyer.getByLabel('Người liên hệ').fill('Chị Lan');
  await buyer.getByLabel('Đơn vị').fill('Siêu thị Co.op');
  await p.getByLabel('4 — Hài lòng').check();
  await p.getByLabel('Ý kiến, đề xuất của đơn vị').fill('Khách đông vào ngày cuối.');
  await p.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(p.locator('#report-saved')).toBeVisible();
  await expect(p.locator('#report-status')).toContainText('Đơn vị đã gửi báo cáo lúc');
  await expect(p.locator('fieldset.deal').first().getByLabel('Giá trị (đồng)')).toHaveValue('350.000.000');

  // the producer's page links to the report it sent
  await p.goto('/doanh-nghiep#ho-so');
  await hydrated(p);
  await expect(p.locator('a.results-report')).toHaveText('Xem, sửa báo cáo kết quả');

  // staff: who reported (the producers other tests approved at the demo fair have not), and the
  // sums of the one report; confirmed, they are recorded
  await page.goto(`/can-bo/su-kien/${fair}/ket-qua`);
  await hydrated(page);
  const reports = page.locator('section.producer-reports');
  await expect(reports.getByRole('heading')).toContainText(/\(1\/\d+ đã gửi\)/);
  await expect(reports.locator('tr').filter({ hasText: org })).toContainText('12.500.000 đ');
  const sales = page.getByRole('row', { name: /Doanh thu bán lẻ tại hội chợ/ });
  await expect(sales).toContainText(/Tổng hợp từ báo cáo của 1\/\d+ doanh nghiệp: 12\.500\.000 đ/);
  await expect(page.getByRole('row', { name: /Giá trị hợp đồng/ })).toContainText('350.000.000 đ');
  await page.getByRole('button', { name: 'Xác nhận số liệu' }).click();
  await expect(page.locator('#outcomes-saved')).toHaveText('Đã xác nhận số liệu thực hiện.');
  await expect(sales).toContainText('Đã xác nhận');
  // confirmed, the figure still says where it came from
  await expect(sales).toContainText('Báo cáo của doanh nghiệp');
  await expect(page.getByLabel('Doanh thu bán lẻ tại hội chợ (đồng) — thực hiện')).toHaveValue('12.500.000');

  // the contract is in the register: found without diacritics, followed up, exported
  await page.goto(`/can-bo/su-kien/${fair}/ket-qua`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Sổ hợp đồng, biên bản ghi nhớ của sự kiện' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sổ hợp đồng, biên bản ghi nhớ');
  await hydrated(page);
  await page.getByLabel('Tìm (bên ký, sản phẩm, doanh nghiệp)').fill('an phat');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/q=an\+phat/);
  const registered = page.locator('table.deals tbody tr').filter({ hasText: 'Công ty Phân phối An Phát' });
  await expect(registered).toHaveCount(1);
  await expect(registered).toContainText(org);
  await expect(page.locator('#deals-totals')).toContainText('1 hợp đồng, biên bản ghi nhớ · 350.000.000 đ');
  await hydrated(page);
  await registered.locator('details.follow-up').first().locator('summary').click();
  const followUp = registered.locator('details.follow-up').first();
  await followUp.getByLabel('Giá trị đã thực hiện (đồng)').fill('-5');
  await followUp.getByRole('button', { name: 'Lưu theo dõi' }).click();
  await expect(followUp.locator('.field-error')).toContainText('Không nhận số âm');
  // the message stands beside the form that was sent, not beside every follow-up of the page
  await expect(page.locator('details.follow-up .field-error').filter({ hasText: 'Không nhận số âm' })).toHaveCount(1);
  await followUp.getByLabel('Tình trạng').selectOption('ordering');
  await followUp.getByLabel('Giá trị đã thực hiện (đồng)').fill('120.000.000');
  await followUp.getByRole('button', { name: 'Lưu theo dõi' }).click();
  await expect(page.locator('#deals-saved')).toBeVisible();
  await expect(page.locator('#deals-totals')).toContainText('đã thực hiện 120.000.000 đ');
  const csvDownload = page.waitForEvent('download');
  await page.locator('#deals-csv').click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv).toContain('Công ty Phân phối An Phát');
  expect(csv).toContain('350000000');
  expect(csv).toContain('120000000');

  // the year's dashboard leads down to the records behind its numbers: the deal among the
  // year's deals with distributors, the producer among the year's participants, the fair among
  // the year's fairs
  const year = local(-10, 8).slice(0, 4);
  await page.goto(`/can-bo/tong-hop?nam=${year}`);
  await hydrated(page);
  await page.locator('section#by-buyer').getByRole('link', { name: 'Nhà phân phối' }).click();
  await expect(page).toHaveURL(new RegExp(`/can-bo/hop-dong\\?nam=${year}&doi-tac=distributor`));
  await expect(page.getByLabel('Đối tác', { exact: true })).toHaveValue('distributor');
  await expect(page.locator('table.deals tbody tr').filter({ hasText: 'Công ty Phân phối An Phát' })).toHaveCount(1);
  await page.goto(`/can-bo/tong-hop?nam=${year}`);
  await hydrated(page);
  await page.locator('section#by-deal-group').getByRole('link', { name: 'Thực phẩm' }).click();
  await expect(page.getByLabel('Nhóm sản phẩm', { exact: true }).first()).toHaveValue('food');
  await expect(page.locator('table.deals tbody tr').filter({ hasText: 'Công ty Phân phối An Phát' })).toContainText('Thực phẩm');
  await page.goto(`/can-bo/tong-hop?nam=${year}`);
  await hydrated(page);
  await page.locator('section#by-kind').getByRole('link', { name: 'Hội chợ', exact: true }).click();
  await expect(page.locator('#plan-filter')).toContainText('Hội chợ');
  const kinds = page.locator('table.plan-events tbody tr > td:nth-child(2)');
  const fairs = await kinds.count();
  expect(fairs).toBeGreaterThan(0);
  await expect(kinds).toHaveText(Array(fairs).fill('Hội chợ'));
  await page.goto(`/can-bo/tong-hop?nam=${year}`);
  await hydrated(page);
  await page.locator('#dashboard-summary').getByRole('link', { name: 'Doanh nghiệp tham gia' }).click();
  await expect(page.locator('#don-vi-tham-gia ~ table').first().locator('tr').filter({ hasText: org })).toBeVisible();

  // the report is closed now, with and without JavaScript
  const noJs = await (await browser.newContext({ javaScriptEnabled: false, storageState: await p.context().storageState() })).newPage();
  await noJs.goto(`/doanh-nghiep/bao-cao-ket-qua/${fair}`);
  await expect(noJs.getByText('báo cáo không thể sửa nữa')).toBeVisible();
});
