import { test, expect, Page, Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchCsp, watchPage, hydrated, mailSays, staffFromLink, producer, addProduct } from './support';

// The application journey in the browser, in Vietnamese: two producers sign up and add products, apply
// to the demo fair and see what they will pay; staff verify a rating, rank, approve one, put the
// other on the waiting list and allocate a booth on the floor plan; the first producer sees the
// booth and the e-mails arrive; when the first withdraws, the second is offered the booth and
// accepts it.

watchCsp();

/** Opens the demo fair's application form from the producer's page, fills it and submits it;
 * checks the amount due shown before sending. Returns the fair's id. */
async function apply(page: Page, due: string): Promise<string> {
  await page.goto('/doanh-nghiep#ho-so');
  await hydrated(page);
  await page.locator('ul.open-calls a').first().click();
  await expect(page).toHaveURL(/\/doanh-nghiep\/ho-so\/\d+/);
  await hydrated(page);
  const standard = page.locator('label.choice').filter({ hasText: 'Gian tiêu chuẩn' });
  await expect(standard).toContainText(due);
  await standard.locator('input').check();
  for (const box of await page.locator('.product-choice input[type=checkbox]').all()) await box.check();
  await page.locator('fieldset.choices').getByLabel('Có', { exact: true }).check();
  await expect(page.locator('#amount-total')).toContainText(due);
  await page.locator('button[value=submit]').click();
  await expect(page.locator('#apply-status')).toHaveText('Đã nộp');
  return page.url().match(/ho-so\/(\d+)/)![1];
}

test('producers apply; staff rank, approve and allocate; the waiting list gets the freed booth', async ({ browser, page }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const [emailA, emailB] = [`a${stamp}@htx.test`, `b${stamp}@htx.test`];
  const [orgA, orgB] = [`Hộ cà phê Ea Tu ${stamp}`, `Hộ ca cao Krông Ana ${stamp}`];
  const coffee = `Cà phê rang xay ${stamp}`;

  // two producers; A's 4★ coffee and unrated honey, B's 3★ cacao
  const a = await producer(browser, emailA, orgA, 1);
  await addProduct(a, coffee, '4');
  await addProduct(a, `Mật ong hoa cà phê ${stamp}`, '');
  // the certificate scan, with a plain upload form
  const coffeeRow = a.locator('table.products tr').filter({ hasText: coffee });
  await coffeeRow.locator('select[name=kind]').selectOption('certificate');
  await coffeeRow.locator('input[type=file]').setInputFiles({ name: 'giay-chung-nhan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% OCOP\n') });
  await coffeeRow.getByRole('button', { name: 'Tải lên' }).click();
  await expect(a.locator('table.products tr').filter({ hasText: coffee }).getByRole('link', { name: 'Giấy chứng nhận' })).toBeVisible();
  await hydrated(a);
  const b = await producer(browser, emailB, orgB, 2);
  await addProduct(b, `Ca cao lên men ${stamp}`, '3');

  // staff verify A's rating
  await staffFromLink(page, 'REVIEWER_LINK', 'reviewer@sct-daklak.test');
  await page.goto('/can-bo');
  await hydrated(page);
  // the certificate is there to check before verifying
  const certificate = page.locator('tr').filter({ hasText: coffee }).getByRole('link', { name: 'Giấy chứng nhận' });
  const download = await page.request.get(await certificate.getAttribute('href') ?? '');
  expect(download.headers()['content-type']).toBe('application/pdf');
  await page.locator('tr').filter({ hasText: coffee }).getByRole('button', { name: 'Xác minh' }).click();
  await expect(page.locator('tr').filter({ hasText: coffee })).toHaveCount(0);

  // the fair's public page says applications are open, and shows each reader the way in
  await b.goto('/doanh-nghiep#ho-so');
  await hydrated(b);
  const applyHref = (await b.locator('ul.open-calls a').first().getAttribute('href')) ?? '';
  const fairPage = `/su-kien/${applyHref.match(/ho-so\/(\d+)/)![1]}`;
  await b.goto(fairPage);
  await expect(b.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(b.locator('.call-notice')).toContainText('Đang nhận hồ sơ đăng ký gian hàng đến');
  await b.locator('.call-notice').getByRole('link', { name: 'Đăng ký gian hàng' }).click();
  await expect(b).toHaveURL(new RegExp(`${applyHref}$`));
  const visitor = await (await browser.newContext()).newPage();
  watchPage(visitor);
  await visitor.goto(fairPage);
  await expect(visitor.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await visitor.locator('.call-notice').getByRole('link', { name: 'Đăng ký tài khoản để nộp hồ sơ' }).click();
  await expect(visitor).toHaveURL(/\/dang-ky$/);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Đăng ký tài khoản chủ thể sản xuất');

  // both apply and see what they will pay: 4★ → 100 % support, 3★ → 50 %
  const fair = await apply(a, '0 đ');
  await mailSays(emailA, 'đã nhận hồ sơ đăng ký gian hàng');
  // A adds the food-safety certificate the call asks for, with the upload button beside the question
  const question = a.locator('.document-question');
  await question.locator('input[type=file]').setInputFiles({ name: 'ATTP cơ sở.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% ATTP\n') });
  await question.getByRole('button', { name: 'Tải lên' }).click();
  await expect(a.locator('#document-uploaded')).toBeVisible();
  await expect(a.locator('.document-question .attached')).toContainText('ATTP cơ sở.pdf');
  await expect(a.locator('#apply-status')).toHaveText('Đã nộp');
  await apply(b, '6.000.000 đ');

  // staff: A ranks first, and the table says why
  await page.goto(`/can-bo/su-kien/${fair}/ho-so`);
  await hydrated(page);
  const rowA = page.locator('#review-table tbody tr').filter({ hasText: orgA });
  const rowB = page.locator('#review-table tbody tr').filter({ hasText: orgB });
  await expect(page.locator('#review-table tbody tr').first()).toContainText(orgA);
  await expect(rowA.locator('.score-parts')).toContainText('OCOP 4★ (đã xác minh)');
  // and A's document, to open
  const documentLink = rowA.locator('.document-link');
  await expect(documentLink).toHaveText('ATTP cơ sở.pdf');
  const document = await page.request.get(await documentLink.getAttribute('href') ?? '');
  expect(document.headers()['content-type']).toBe('application/pdf');
  await expect(rowB).toContainText('3★');
  // the producer's answers read in the table itself, not only in the export
  await rowB.locator('details.answers summary').click();
  await expect(rowB.locator('details.answers .answers-text')).toContainText(': Có');
  // the exports download with JavaScript on (the client router once caught them: "not found")
  const csvDownload = page.waitForEvent('download');
  await page.locator('#export-csv').click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(orgA);
  expect(csv).toContain(orgB);
  const xlsxDownload = page.waitForEvent('download');
  await page.locator('#export-xlsx').click();
  const xlsx = readFileSync(await (await xlsxDownload).path());
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  const documentDownload = page.waitForEvent('download');
  await documentLink.click();
  expect((await documentDownload).suggestedFilename()).toBe('ATTP cơ sở.pdf');
  await expect(page).toHaveURL(new RegExp(`/can-bo/su-kien/${fair}/ho-so`));

  // approve A, waiting list for B
  await rowA.locator('.select-application').check();
  await page.locator('#decide-form select[name="form[action]"]').selectOption('approve');
  await page.locator('#decide-submit').click();
  await expect(page.getByText('Đã cập nhật 1 hồ sơ.')).toBeVisible();
  await expect(rowA).toContainText('Được duyệt');
  await rowB.locator('.select-application').check();
  await page.locator('#decide-form select[name="form[action]"]').selectOption('waitlist');
  await page.locator('#decide-submit').click();
  await expect(rowB).toContainText('Danh sách chờ');
  await mailSays(emailA, 'đã được duyệt');

  // allocate A02 on the floor plan: pick the application, then the booth
  await rowA.locator('.pick-application').click();
  await page.locator('g.booth[data-code="A02"]').click();
  await expect(rowA.locator('.booth-cell')).toContainText('A02');

  // A sees the booth and the e-mail
  await a.goto('/doanh-nghiep#ho-so');
  await hydrated(a);
  await expect(a.locator('.booth-codes')).toContainText('A02');
  await mailSays(emailA, 'được bố trí gian hàng A02');

  // A withdraws: B, first on the waiting list, is offered the booth and takes it
  await a.getByText('Rút hồ sơ', { exact: true }).click();
  await a.locator('.confirm-withdraw').click();
  await expect(a.getByText('Đã rút hồ sơ.')).toBeVisible();
  await mailSays(emailB, 'vừa trống và được dành cho đơn vị');
  await b.goto('/doanh-nghiep#ho-so');
  await hydrated(b);
  await b.locator('.accept-offer').click();
  await expect(b.getByText('Đã nhận gian hàng.')).toBeVisible();
  await expect(b.locator('.booth-codes')).toContainText('A02');
});

test('without JavaScript: a refused submission shows its messages on the form; the private calendar address is shown', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const email = `nojs${stamp}@htx.test`;
  const signedUp = await producer(browser, email, `Hộ mắc ca ${stamp}`, 3);
  await addProduct(signedUp, `Mắc ca sấy ${stamp}`, '3');
  // the same person, on a phone-sized screen, in a browser without JavaScript
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
    storageState: await signedUp.context().storageState(),
  });
  const page = await context.newPage();
  await page.goto('/doanh-nghiep#ho-so');
  await page.locator('ul.open-calls a').first().click();
  await expect(page).toHaveURL(/\/doanh-nghiep\/ho-so\/\d+$/);
  const form = page.url();

  // submitting an empty form: back on the form, each message beside its field, nothing saved
  await page.locator('button[value=submit]').click();
  await expect(page).toHaveURL(/__err=/);
  await expect(page.locator('#f-booth_type-msg .field-error')).toHaveText('Vui lòng chọn loại gian hàng.');
  await expect(page.locator('#f-products-msg')).toHaveText('Vui lòng chọn ít nhất một sản phẩm sẽ trưng bày.');
  await expect(page.locator('#apply-status')).toHaveCount(0);
  // the form fits the phone's width: nothing to scroll sideways
  for (const part of ['#apply-form', 'button[value=submit]', '.document-question']) {
    const box = (await page.locator(part).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }

  // corrected, it goes through
  await page.locator('label.choice').filter({ hasText: 'Gian tiêu chuẩn' }).locator('input').check();
  await page.locator('.product-choice input[type=checkbox]').first().check();
  await page.locator('fieldset.choices').getByLabel('Có', { exact: true }).check();
  await page.locator('button[value=submit]').click();
  await expect(page).toHaveURL(/da-luu=nop/);
  expect(page.url()).not.toContain('__err');
  await expect(page.locator('#apply-status')).toHaveText('Đã nộp');
  expect(page.url().startsWith(form)).toBe(true);
  await mailSays(email, 'đã nhận hồ sơ đăng ký gian hàng');

  // the private calendar address, made with a plain form, is shown once on the page
  await page.goto('/doanh-nghiep#ho-so');
  await page.locator('#feed-new').click();
  await expect(page).toHaveURL(/lich-rieng=[0-9a-f]+/);
  const address = await page.locator('#feed-url').inputValue();
  expect(address).toMatch(/\/lich-rieng\/[0-9a-f]+\.ics$/);
  const feed = await page.request.get(new URL(address).pathname);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');

  // staff without JavaScript: approve it, then give it a booth from the row's list
  const staffSetUp = await (await browser.newContext()).newPage();
  await staffFromLink(staffSetUp, 'DESK_LINK', 'desk@sct-daklak.test');
  const deskContext = await browser.newContext({ javaScriptEnabled: false, storageState: await staffSetUp.context().storageState() });
  const desk = await deskContext.newPage();
  const fair = form.match(/ho-so\/(\d+)/)![1];
  await desk.goto(`/can-bo/su-kien/${fair}/ho-so?q=${encodeURIComponent(`Hộ mắc ca ${stamp}`)}`);
  const row = desk.locator('#review-table tbody tr').filter({ hasText: `Hộ mắc ca ${stamp}` });
  await row.locator('.select-application').check();
  await desk.locator('#decide-form select[name="form[action]"]').selectOption('approve');
  await desk.locator('#decide-submit').click();
  await expect(row).toContainText('Được duyệt');
  const choice = row.locator('.allocate-by-list option').first();
  const code = ((await choice.textContent()) ?? '').split(' · ')[0];
  await row.locator('.allocate-by-list select').selectOption(await choice.getAttribute('value') ?? '');
  await row.locator('.allocate-listed').click();
  await expect(row.locator('.booth-cell .booth-code')).toContainText(code);
  // the producer sees it, still without JavaScript
  await page.goto('/doanh-nghiep#ho-so');
  await expect(page.locator('.booth-codes')).toContainText(code);
  await context.close();
  await deskContext.close();
});
