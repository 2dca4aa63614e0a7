import { test, expect, Page } from '@playwright/test';

// Staff plan a fair in the browser, in Vietnamese: a draft with its side programme, refused bad
// input, publish (it appears in the calendar, on its page and in its feed), then postpone.

const PASSWORD = 'cà phê Buôn Ma Thuột thơm ngon 2026';

let violations: string[] = [];
test.beforeEach(async ({ page }) => {
  violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|compile)/i.test(m.text())) violations.push(m.text());
  });
});
test.afterEach(() => {
  expect(violations).toEqual([]);
});

async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

test('staff plan a fair with a programme, publish it, then postpone it', async ({ page }) => {
  const link = new URL(process.env.PLANNER_LINK ?? '');
  await page.goto(link.pathname + link.search);
  await hydrated(page);
  await page.getByLabel('Mật khẩu mới').fill(PASSWORD);
  await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await expect(page.getByText('Đã lưu mật khẩu mới')).toBeVisible();
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('E-mail').fill('planner@sct-daklak.test');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/quan-tri$/);

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
