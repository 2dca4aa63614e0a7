import { test, expect } from '@playwright/test';
import { PASSWORD, watchCsp, hydrated, staffFromLink } from './support';

// Staff plan a fair in the browser, in Vietnamese: a draft with its side programme, refused bad
// input, publish (it appears in the calendar, on its page and in its feed), then postpone.

watchCsp();

test('staff plan a fair with a programme, publish it, then postpone it', async ({ page }) => {
  await staffFromLink(page, 'PLANNER_LINK', 'planner@sct-daklak.test');

  await page.goto('/can-bo/su-kien');
  await hydrated(page);
  await page.getByRole('link', { name: '+ Tạo sự kiện' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sự kiện mới');
  await hydrated(page);
  const title = `Hội chợ Cà phê Buôn Ma Thuột ${Date.now()}`;
  await page.getByLabel('Tên sự kiện (tiếng Việt)').fill(title);
  await page.getByLabel('Loại sự kiện').selectOption('fair');
  await page.getByLabel('Xã, phường (trong tỉnh)').selectOption({ index: 1 });
  await page.getByLabel('Địa điểm', { exact: true }).fill('Quảng trường 10/3');
  await page.getByLabel('Bắt đầu', { exact: true }).fill('2027-03-08T08:00');
  // the end before the start is refused beside the field, and nothing is created
  await page.getByLabel('Kết thúc', { exact: true }).fill('2027-03-01T08:00');
  await page.getByLabel('Giới thiệu (tiếng Việt)').fill('Hội chợ cà phê và nông sản OCOP.');
  await page.getByLabel('Đồ uống').check();
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('[id="f-form[ends_at]-msg"]')).toContainText('Thời gian kết thúc phải sau');
  await page.getByLabel('Kết thúc', { exact: true }).fill('2027-03-12T21:00');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(/\/can-bo\/su-kien\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await hydrated(page);
  const id = page.url().split('/').pop();

  // the side programme: an opening ceremony and a conference
  for (const [kind, name, start, end] of [
    ['opening', 'Lễ khai mạc', '2027-03-08T19:00', '2027-03-08T21:00'],
    ['conference', 'Hội nghị kết nối cung cầu cà phê', '2027-03-09T08:00', '2027-03-09T11:30'],
  ]) {
    await page.getByLabel('Loại phiên').selectOption(kind);
    await page.getByLabel('Tên phiên (tiếng Việt)').fill(name);
    await page.getByLabel('Bắt đầu phiên').fill(start);
    await page.getByLabel('Kết thúc phiên').fill(end);
    await page.getByRole('button', { name: 'Thêm phiên', exact: true }).click();
    await expect(page.locator('table.sessions')).toContainText(name);
  }

  // a draft is not public
  expect((await page.request.get(`/su-kien/${id}`)).status()).toBe(404);
  await page.getByRole('button', { name: 'Công bố', exact: true }).click();
  await expect(page.locator('p.muted')).toContainText('Đã công bố');

  await page.goto(`/lich?q=${encodeURIComponent(title)}`);
  await expect(page.locator('.event-item')).toHaveCount(1);
  await page.goto(`/su-kien/${id}`);
  await expect(page.getByRole('heading', { name: 'Chương trình' })).toBeVisible();
  await expect(page.locator('.programme')).toContainText('Lễ khai mạc');
  const feed = await (await page.request.get(`/su-kien/${id}/calendar.ics`)).text();
  expect(feed.match(/BEGIN:VEVENT/g)?.length).toBe(3);

  // postpone: new dates everywhere, SEQUENCE up, a notice on the page
  await page.goto(`/can-bo/su-kien/${id}`);
  await hydrated(page);
  const postpone = page.locator('form.status-postponed');
  await postpone.getByLabel('Bắt đầu mới').fill('2027-04-05T08:00');
  await postpone.getByLabel('Kết thúc mới').fill('2027-04-09T21:00');
  await postpone.getByRole('button', { name: 'Tạm hoãn / dời lịch' }).click();
  await expect(page.locator('p.muted')).toContainText('Tạm hoãn');
  await page.goto(`/su-kien/${id}`);
  await expect(page.locator('.change-note')).toContainText('dời sang');
  await expect(page.locator('.facts')).toContainText('05/04/2027');
  const moved = await (await page.request.get(`/su-kien/${id}/calendar.ics`)).text();
  expect(moved).toContain('DTSTART:20270405T010000Z');
  expect(moved).toMatch(/SEQUENCE:[2-9]/);
});

test('staff set up the booths: call, two booth types, three zones, a 4 × 10 plan, a block of 5', async ({ page }) => {
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('E-mail').fill('planner@sct-daklak.test');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri$/);
  // the fair of the first test is the newest event in the list
  await page.goto('/can-bo/su-kien');
  await page.locator('table a').filter({ hasText: 'Hội chợ Cà phê Buôn Ma Thuột' }).first().click();
  await expect(page).toHaveURL(/\/can-bo\/su-kien\/\d+$/);
  await hydrated(page);

  const call = page.locator('section', { has: page.locator('#call-title') });
  await call.getByLabel('Mở nhận hồ sơ').fill('2027-01-05T08:00');
  // closing after the event starts is refused beside the field
  await call.getByLabel('Hạn chót nhận hồ sơ').fill('2027-05-01T17:00');
  await call.getByLabel('Ai được đăng ký').selectOption('3');
  await call.getByLabel('Số gian tối đa mỗi đơn vị').fill('2');
  await call.getByLabel('Sản phẩm 5 sao').fill('100');
  await call.getByLabel('Sản phẩm 4 sao').fill('100');
  await call.getByLabel('Sản phẩm 3 sao').fill('50');
  await call.getByRole('button', { name: 'Lưu đợt nhận hồ sơ' }).click();
  await expect(call.locator('[id="f-call[closes_at]-msg"]')).toContainText('trước khi sự kiện bắt đầu');
  await call.getByLabel('Hạn chót nhận hồ sơ').fill('2027-02-20T17:00');
  await call.getByRole('button', { name: 'Lưu đợt nhận hồ sơ' }).click();
  await expect(page.getByText('Đã lưu đợt nhận hồ sơ.')).toBeVisible();

  const types = page.locator('section', { has: page.locator('#types-title') });
  for (const [name, size, price, support, count] of [
    ['Gian tiêu chuẩn 3 × 3', 'standard', '12000000', '100', '35'],
    ['Gian góc', 'corner', '15000000', '50', '5'],
  ]) {
    await types.getByLabel('Tên loại gian').fill(name);
    await types.getByLabel('Kích thước').selectOption(size);
    await types.getByLabel('Giá (đồng)').fill(price);
    await types.getByLabel('Hỗ trợ tối đa (%)').fill(support);
    await types.getByLabel('Số lượng gian').fill(count);
    await types.getByRole('button', { name: 'Thêm loại gian' }).click();
    await expect(page.locator('table.booth-types')).toContainText(name);
    // it says so, and the form is empty again (no duplicate on a second click)
    await expect(types.getByRole('status')).toContainText('Đã thêm loại gian');
    await expect(types.getByLabel('Tên loại gian')).toHaveValue('');
  }

  const zones = page.locator('section', { has: page.locator('#zones-title') });
  for (const zone of ['Khu OCOP', 'Khu cà phê', 'Khu thủ công mỹ nghệ']) {
    await zones.getByLabel('Tên khu (tiếng Việt)').fill(zone);
    await zones.getByRole('button', { name: 'Thêm khu' }).click();
    await expect(page.locator('ul.zones')).toContainText(zone);
    await expect(zones.getByRole('status')).toContainText('Đã thêm khu');
    await expect(zones.getByLabel('Tên khu (tiếng Việt)')).toHaveValue('');
  }

  // the long editor has sections to jump between
  await page.locator('nav.jump').getByRole('link', { name: 'Sơ đồ' }).click();
  await expect(page.locator('#plan-title')).toBeInViewport();
  const plan = page.locator('section', { has: page.locator('#plan-title') });
  await plan.getByLabel('Số cột').fill('10');
  await plan.getByLabel('Số hàng').fill('4');
  await plan.getByRole('button', { name: 'Đặt kích thước sơ đồ' }).click();
  await expect(plan.getByRole('button', { name: 'Tạo dãy' })).toBeVisible();
  for (const [i, letter] of ['A', 'B', 'C', 'D'].entries()) {
    await plan.getByLabel('Khu', { exact: true }).selectOption({ index: Math.min(i, 2) + 1 });
    await plan.getByLabel('Loại gian', { exact: true }).selectOption({ index: 1 });
    await plan.getByLabel('Ký hiệu dãy').fill(letter);
    await plan.getByLabel('Số gian', { exact: true }).fill('10');
    await plan.getByLabel('Hàng', { exact: true }).fill(String(i + 1));
    await plan.getByRole('button', { name: 'Tạo dãy' }).click();
    await expect(page.locator(`.floor-plan g[data-code="${letter}10"]`)).toBeVisible();
  }
  await expect(page.locator('.floor-plan g.booth')).toHaveCount(40);
  // a booth outside the grid is refused
  await plan.getByLabel('Ký hiệu dãy').fill('E');
  await plan.getByLabel('Số gian', { exact: true }).fill('3');
  await plan.getByLabel('Từ cột').fill('9');
  await plan.getByRole('button', { name: 'Tạo dãy' }).click();
  await expect(plan.locator('[id="f-row[count]-msg"]')).toContainText('ra ngoài sơ đồ');

  // a curious click (or Enter) only shows the booth; blocking it is a second, deliberate step
  const d10 = page.locator('.floor-plan g[data-code="D10"]');
  await d10.focus();
  await page.keyboard.press('Enter');
  await expect(plan.locator('.booth-info')).toContainText('D10');
  await expect(page.locator('.floor-plan g[data-code="D10"]')).not.toHaveClass(/status-blocked/);
  await plan.locator('.booth-info').getByRole('button', { name: 'Khóa' }).click();
  await expect(page.locator('.floor-plan g[data-code="D10"]')).toHaveClass(/status-blocked/);

  const blocks = page.locator('section', { has: page.locator('#blocks-title') });
  await blocks.getByLabel('Xã, phường', { exact: true }).selectOption({ label: 'Xã Krông Pắc' });
  await blocks.getByLabel('Người liên hệ').fill('Nguyễn Văn Xã');
  await blocks.getByLabel('Điện thoại liên hệ').fill('0912345678');
  await blocks.getByLabel('Số gian giữ').fill('5');
  await blocks.getByRole('button', { name: 'Giữ gian' }).click();
  await expect(page.locator('ul.blocks')).toContainText('Xã Krông Pắc');
  await expect(page.locator('.floor-plan g.status-held')).toHaveCount(5);

  // a cover picture, uploaded with a plain form
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await page.locator('#f-cover').setInputFiles({ name: 'bia.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await expect(page.locator('img.cover')).toBeVisible();

  // the public page shows the cover and the plan: codes and zones
  const id = page.url().split('/').pop();
  await page.goto(`/su-kien/${id}`);
  await expect(page.locator('article img.cover')).toBeVisible();
  expect((await page.request.get(`/su-kien/${id}/anh-bia`)).headers()['content-type']).toBe('image/png');
  await expect(page.locator('.public-plan .floor-plan g.booth')).toHaveCount(40);
  await expect(page.locator('.public-plan')).toContainText('Khu cà phê');
});
