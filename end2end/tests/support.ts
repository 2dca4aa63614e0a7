import { test, expect, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

// What the browser tests share: the CSP watch, waiting for hydration, reading the mail the server
// wrote to MAIL_DIR (file transport), logging in.

export const PASSWORD = 'cà phê Buôn Ma Thuột thơm ngon 2026';
const MAIL_DIR = process.env.MAIL_DIR ?? '';

const violations: string[] = [];

/** Watches a page (one of another browser context too) for CSP violations and wasm panics. */
export function watchPage(p: Page) {
  p.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|compile)/i.test(m.text())) violations.push(m.text());
    // a panic in the wasm (console_error_panic_hook) leaves the page dead: never acceptable
    if (m.type() === 'error' && /panicked at|already been disposed|RuntimeError: unreachable/i.test(m.text())) violations.push(m.text());
  });
  p.on('pageerror', (e) => {
    if (/panicked|unreachable|disposed/i.test(e.message)) violations.push(e.message);
  });
}

/** Every page, in every test of the file: zero Content-Security-Policy violations and zero wasm
 * panics in the console. Returns the violations seen so far in the current test (a negative
 * control empties it). Pages of other contexts are watched with `watchPage`. */
export function watchCsp(): string[] {
  test.beforeEach(async ({ page, context }) => {
    violations.length = 0;
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
