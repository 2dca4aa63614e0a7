import { test, expect } from '@playwright/test';
import { watchCsp, watchPage, hydrated, staffFromLink, producer, addProduct, linkFor, mailSays } from './support';

// A buyer asks a producer for a quote. The producer's product is verified by staff; a visitor finds
// it by a search without diacritics, opens it and sends an inquiry; nothing reaches the producer
// until the buyer confirms by the mailed link; then the producer is told by e-mail, reads the
// inquiry on its console with the buyer's address and marks it; staff count it.

watchCsp();

test('a buyer asks, confirms by e-mail, and the producer reads and marks the inquiry', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = String(Date.now()).slice(-6);
  const org = `HTX Cà phê Ea Tu ${stamp}`;
  const email = `eatu${stamp}@htx.test`;
  const coffee = `Cà phê bột Ea Tu ${stamp}`;
  const a = await producer(browser, email, org, 7);
  await addProduct(a, coffee, '4');

  // staff verify the rating: the product enters the directory
  await staffFromLink(page, 'INQUIRY_LINK', 'hoimua@sct-daklak.test');
  await page.goto('/can-bo');
  await hydrated(page);
  await page.locator('tr').filter({ hasText: coffee }).getByRole('button', { name: 'Xác minh' }).click();
  await expect(page.locator('tr').filter({ hasText: coffee })).toHaveCount(0);

  // a buyer, not signed in, finds it without diacritics and asks
  const buyer = await (await browser.newContext()).newPage();
  watchPage(buyer);
  const buyerEmail = `mua${stamp}@sieuthi.test`;
  await buyer.goto(`/san-pham?q=ca+phe+bot+ea+tu+${stamp}`);
  await buyer.locator('.product-card h2 a', { hasText: coffee }).click();
  await expect(buyer.getByRole('heading', { level: 1 })).toHaveText(coffee);
  await hydrated(buyer);
  const form = buyer.locator('#inquiry-form');
  await form.getByLabel('Họ và tên').fill('Trần Thị Bình');
  await form.getByLabel('Đơn vị', { exact: true }).fill('Chuỗi siêu thị Phương Nam');
  await form.getByLabel('Loại đơn vị').selectOption('supermarket');
  await form.getByLabel('Tỉnh, thành phố hoặc quốc gia').fill('TP. Hồ Chí Minh');
  await form.getByLabel('E-mail').fill('not an address');
  await form.getByLabel('Số lượng cần mua').fill('500 kg mỗi tháng');
  await form.getByLabel('Nội dung').fill('Xin báo giá giao tại kho Thủ Đức.');
  await buyer.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  // a bad address is refused beside its field
  await expect(buyer.locator('#f-email-msg')).toContainText('Nhập địa chỉ e-mail đúng dạng');
  await expect(buyer.locator('#inquiry-sent')).toHaveCount(0);
  await form.getByLabel('E-mail').fill(buyerEmail);
  await buyer.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  await expect(buyer.locator('#inquiry-sent')).toContainText('bấm liên kết xác nhận');
  // the producer's address is never on the page
  expect(await buyer.content()).not.toContain(email);

  // before the buyer confirms, the producer sees nothing
  await a.goto('/doanh-nghiep#hoi-mua');
  await hydrated(a);
  await expect(a.locator('#hoi-mua')).toContainText('Chưa có yêu cầu nào');

  // the buyer confirms by the mailed link
  await buyer.goto(await linkFor(buyerEmail));
  await hydrated(buyer);
  await buyer.getByRole('button', { name: 'Xác nhận và gửi' }).click();
  await expect(buyer.locator('#inquiry-confirmed')).toContainText(`Đã chuyển yêu cầu tới ${org}`);

  // the producer is told by e-mail, reads it with the buyer's address, and marks it
  await mailSays(email, buyerEmail);
  await a.reload();
  await hydrated(a);
  const line = a.locator('.inquiry-line').filter({ hasText: 'Chuỗi siêu thị Phương Nam' });
  await expect(line).toContainText(coffee);
  await expect(line).toContainText('500 kg mỗi tháng');
  await expect(line.getByRole('link', { name: buyerEmail })).toHaveAttribute('href', `mailto:${buyerEmail}`);
  await line.getByLabel('Tình trạng').selectOption('quoted');
  await line.getByRole('button', { name: 'Lưu' }).click();
  await a.reload();
  await hydrated(a);
  await expect(a.locator('.inquiry-line').filter({ hasText: 'Chuỗi siêu thị Phương Nam' }).getByLabel('Tình trạng')).toHaveValue('quoted');

  // staff count it
  await page.goto('/can-bo/hoi-mua');
  await expect(page.locator('#inquiries-by-producer')).toContainText(org);
});
