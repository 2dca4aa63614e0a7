import { test, expect, Page, Browser } from '@playwright/test';
import { PASSWORD, watchCsp, watchPage, linksStillWork, hydrated, linkFor, logIn } from './support';

// Accounts in the browser, in Vietnamese: sign-up → e-mail → verify → login → language → logout;
// the first admin from the command line; staff created by the admin; disabling ends a session.

watchCsp();

test('a producer signs up, verifies, logs in, switches language and logs out', async ({ page }) => {
  const email = `htx${Date.now()}@eatu.test`;
  await page.goto('/dang-ky');
  await hydrated(page);
  await page.getByLabel('Họ và tên').fill("H'Hen Niê");
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByLabel('Tên đơn vị').fill('HTX Cà phê Ea Tu');
  await page.getByLabel('Loại hình').selectOption('cooperative');
  // a wrong check digit is refused beside the field, and nothing is created
  await page.getByLabel('Mã số thuế').fill('0100109107');
  await page.getByLabel('Xã, phường').selectOption({ index: 2 });
  await page.getByLabel('Số điện thoại di động').fill('0912 345 678');
  await page.getByLabel('Người liên hệ').fill("H'Hen Niê");
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.locator('#f-tax_code-msg')).toContainText('chữ số kiểm tra');
  await page.getByLabel('Mã số thuế').fill(`06612${String(Date.now()).slice(-7)}`);
  await page.getByLabel('Loại hình').selectOption('household');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.getByText('Vui lòng kiểm tra hộp thư')).toBeVisible();
  await linksStillWork(page);

  // the verification e-mail arrives (file transport) with a single-use link
  const link = await linkFor(email);
  expect(link).toMatch(/^\/xac-minh-email\?token=/);
  await page.goto(link);
  await hydrated(page);
  await page.getByRole('button', { name: 'Xác minh tài khoản' }).click();
  await expect(page.getByText('Đã xác minh')).toBeVisible();

  await logIn(page, email);
  await expect(page).toHaveURL(/\/doanh-nghiep$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('HTX Cà phê Ea Tu');
  await expect(page.locator('.site-header')).toContainText("H'Hen Niê");

  // the profile: the phone from sign-up is already there
  await hydrated(page);
  await expect(page.getByLabel('Điện thoại', { exact: true })).toHaveValue('0912345678');
  await page.getByLabel('Người đại diện theo pháp luật').fill("H'Hen Niê");
  await page.getByLabel('Địa chỉ', { exact: true }).fill('Thôn 3, xã Ea Tu');
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await expect(page.getByText('Đã lưu hồ sơ.')).toBeVisible();

  // a product with its OCOP rating: shown as claimed until staff verify it; expiry computed
  await page.getByLabel('Tên sản phẩm').fill('Cà phê rang xay Ea Tu');
  await page.getByLabel('Nhóm sản phẩm OCOP').selectOption('beverage');
  await page.getByLabel('Hạng OCOP').selectOption('4');
  await page.getByLabel('Số quyết định công nhận').fill('1234/QĐ-UBND');
  await page.getByLabel('Ngày quyết định').fill('2024-05-20');
  await page.getByLabel('Cấp công nhận').selectOption('province');
  await page.getByRole('button', { name: 'Thêm sản phẩm' }).click();
  await expect(page.locator('table.products')).toContainText('OCOP 4★ (tự khai, chờ xác minh)');
  await expect(page.locator('table.products')).toContainText('20/05/2027');

  // the account remembers the language
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.site-header')).toContainText('Log out');
  await page.context().clearCookies({ name: 'lang' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.site-header').getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
  const me = await page.request.post('/api/account/me', { headers: { origin: new URL(page.url()).origin } });
  expect(me.status()).toBe(401);
});

test('a wrong password gets one plain message', async ({ page }) => {
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('E-mail').fill('nobody@eatu.test');
  await page.getByLabel('Mật khẩu').fill('không phải mật khẩu');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'E-mail hoặc mật khẩu không đúng.' })).toBeVisible();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchPage(page);
  return page;
}

test('the first admin sets a password, creates staff, and disabling ends the staff session', async ({ page, browser }) => {
  const adminLink = process.env.ADMIN_LINK ?? '';
  expect(adminLink).toContain('/dat-mat-khau?token=');
  await page.goto(new URL(adminLink).pathname + new URL(adminLink).search);
  await hydrated(page);
  await page.getByLabel('Mật khẩu mới').fill(PASSWORD);
  await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await expect(page.getByText('Đã lưu mật khẩu mới')).toBeVisible();
  await linksStillWork(page);
  await logIn(page, 'admin@sct-daklak.test');
  await expect(page).toHaveURL(/\/quan-tri$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản trị hệ thống');
  await hydrated(page);
  // the admin finds the staff console, where events are planned, from the header and the page
  await expect(page.locator('.site-header').getByRole('link', { name: 'Bàn làm việc' })).toHaveAttribute('href', '/can-bo');
  await expect(page.locator('main').getByRole('link', { name: 'bàn làm việc của cán bộ' })).toHaveAttribute('href', '/can-bo');

  const staffEmail = `canbo${Date.now()}@sct-daklak.test`;
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Cán Bộ');
  await page.getByLabel('E-mail').fill(staffEmail);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByText('Đã tạo tài khoản')).toBeVisible();
  const row = page.locator(`tr[data-email="${staffEmail}"]`);
  await expect(row).toBeVisible();

  // the new staff member, in another browser, sets a password and sees the staff console
  const staff = await newPage(browser);
  await staff.goto(await linkFor(staffEmail));
  await hydrated(staff);
  await staff.getByLabel('Mật khẩu mới').fill(PASSWORD);
  await staff.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await expect(staff.getByText('Đã lưu mật khẩu mới')).toBeVisible();
  await linksStillWork(staff);
  await logIn(staff, staffEmail);
  await expect(staff).toHaveURL(/\/can-bo$/);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Bàn làm việc của cán bộ');
  // staff may not open the admin console
  const refused = await staff.goto('/quan-tri');
  expect(refused?.status()).toBe(403);

  // the admin disables the account; the staff member's open session ends at once
  await row.getByRole('button', { name: 'Khóa tài khoản' }).click();
  await expect(row).toContainText('Đã khóa');
  const after = await staff.goto('/can-bo');
  expect(after?.status()).toBe(401);
  await expect(staff.locator('.site-header').getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
});
