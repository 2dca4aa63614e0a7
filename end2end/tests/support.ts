import { test, expect, Page, Browser, BrowserContextOptions } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

// What the browser tests share: the CSP watch, waiting for hydration, reading the mail the server
// wrote to MAIL_DIR (file transport), logging in.

export const PASSWORD = 'cà phê Buôn Ma Thuột thơm ngon 2026';
const MAIL_DIR = process.env.MAIL_DIR ?? '';

const violations: string[] = [];
const expectedFailures: RegExp[] = [];

/** Watches a page (one of another browser context too) for CSP violations, wasm panics, any
 * other console error, and answers 404 or 5xx the test did not announce with `expectFailure`.
 * (A refused form answers 400–429: that is the page working; Chromium logs each failed load as
 * "Failed to load resource", which the answer check covers.) */
export function watchPage(p: Page) {
  p.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|compile)/i.test(text)) violations.push(text);
    else if (m.type() === 'error' && !/^Failed to load resource/.test(text)) violations.push(`console error: ${text}`);
  });
  p.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  p.on('response', (r) => {
    const status = r.status();
    if ((status === 404 || status >= 500) && !expectedFailures.some((e) => e.test(r.url()))) {
      violations.push(`${status} ${r.request().method()} ${r.url()}`);
    }
  });
}

/** Announces that answers 404/5xx from addresses matching `url` are what the test wants. */
export function expectFailure(url: RegExp) {
  expectedFailures.push(url);
}

/** Every page, in every test of the file: zero Content-Security-Policy violations, wasm panics,
 * console errors and unexpected 404/5xx answers. Returns the violations seen so far in the current
 * test (a negative control empties it). Pages of other contexts are watched with `watchPage`. */
export function watchCsp(): string[] {
  test.beforeEach(async ({ page, context }) => {
    violations.length = 0;
    expectedFailures.length = 0;
    watchPage(page);
    context.on('page', watchPage);
  });
  test.afterEach(() => {
    expect(violations).toEqual([]);
  });
  return violations;
}

/** After a form succeeded with JavaScript on, the page still works: a link in the header
 * navigates (a panic in the wasm once left every link dead after a successful form). */
export async function linksStillWork(page: Page) {
  await page.locator('.site-header').getByRole('link', { name: 'Lịch sự kiện', exact: true }).click();
  await expect(page).toHaveURL(/\/lich$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch sự kiện xúc tiến thương mại');
}

/** A lazy route is interactive after the app, when its chunk is in. */
export async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-page-ready', 'true');
}

/** The text of an .eml file with its quoted-printable and base64 parts decoded. */
function decode(eml: string): string {
  const qp = eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  const b64 = (eml.match(/(?:^[A-Za-z0-9+/=]{16,}\r?\n)+/gm) ?? [])
    .map((block) => Buffer.from(block.replace(/\s/g, ''), 'base64').toString('utf8'))
    .join('\n');
  return Buffer.from(qp, 'latin1').toString('utf8') + '\n' + b64;
}

/** Every message written so far to `to`, decoded. */
export function mailsTo(to: string): string[] {
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => decode(readFileSync(join(MAIL_DIR, f), 'utf8')))
    .filter((t) => t.includes(to));
}

/** Waits until a message to `to` says `words`. */
export async function mailSays(to: string, words: string) {
  await expect(async () => {
    expect(mailsTo(to).some((t) => t.includes(words))).toBe(true);
  }).toPass({ timeout: 20_000 });
}

/** Waits for the mail worker to write a message to `to` and returns the link in it. */
export async function linkFor(to: string): Promise<string> {
  let found = '';
  await expect(async () => {
    const links = mailsTo(to).flatMap((t) => t.match(/https?:\/\/[^\s"<>]+token=[0-9a-f]{64}/g) ?? []);
    expect(links.length).toBeGreaterThan(0);
    found = links[links.length - 1];
  }).toPass({ timeout: 20_000 });
  return new URL(found).pathname + new URL(found).search;
}

export async function logIn(page: Page, email: string) {
  await page.goto('/dang-nhap');
  await hydrated(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A staff member made by `server create-admin`: opens the printed link (in `env`), sets the
 * password and logs in; lands on the admin console. */
export async function staffFromLink(page: Page, env: string, email: string) {
  const link = new URL(process.env[env] ?? '');
  await page.goto(link.pathname + link.search);
  await hydrated(page);
  await page.getByLabel('Mật khẩu mới').fill(PASSWORD);
  await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await expect(page.getByText('Đã lưu mật khẩu mới')).toBeVisible();
  await linksStillWork(page);
  await logIn(page, email);
  await expect(page).toHaveURL(/\/quan-tri$/);
}

/** One file of a ZIP archive (.docx, .xlsx) as text: read through the central directory, stored
 * or deflated entries. Enough to check what a generated document says. */
export function zipEntry(zip: Buffer, name: string): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a ZIP archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(data, data + size);
      return (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the archive`);
}

/** A household business signs up, verifies its address and logs in; returns its page. */
export async function producer(browser: Browser, email: string, org: string, n: number, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  watchPage(page);
  await page.goto('/dang-ky');
  await hydrated(page);
  await page.getByLabel('Họ và tên').fill('Chủ hộ');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByLabel('Tên đơn vị').fill(org);
  await page.getByLabel('Loại hình').selectOption('household');
  await page.getByLabel('Mã số thuế').fill(`0661${n}${String(Date.now()).slice(-7)}`);
  await page.getByLabel('Xã, phường').selectOption({ index: 2 });
  await page.getByLabel('Số điện thoại di động').fill('0912 345 678');
  await page.getByLabel('Người liên hệ').fill('Chủ hộ');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await expect(page.getByText('Vui lòng kiểm tra hộp thư')).toBeVisible();
  await linksStillWork(page);
  await page.goto(await linkFor(email));
  await hydrated(page);
  await page.getByRole('button', { name: 'Xác minh tài khoản' }).click();
  await expect(page.getByText('Đã xác minh')).toBeVisible();
  await logIn(page, email);
  await expect(page).toHaveURL(/\/doanh-nghiep$/);
  await hydrated(page);
  return page;
}

/** Adds a beverage product to the catalogue, rated `stars` ("" for none). */
export async function addProduct(page: Page, name: string, stars: string) {
  await page.getByLabel('Tên sản phẩm').fill(name);
  await page.getByLabel('Nhóm sản phẩm OCOP').selectOption('beverage');
  await page.getByLabel('Hạng OCOP').selectOption(stars);
  if (stars) {
    await page.getByLabel('Số quyết định công nhận').fill('1234/QĐ-UBND');
    await page.getByLabel('Ngày quyết định').fill('2025-06-01');
    await page.getByLabel('Cấp công nhận').selectOption('province');
  }
  await page.getByRole('button', { name: 'Thêm sản phẩm' }).click();
  await expect(page.locator('table.products')).toContainText(name);
  // the form is empty again, ready for the next product
  await expect(page.getByLabel('Tên sản phẩm')).toHaveValue('');
}
