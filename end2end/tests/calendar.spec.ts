import { test, expect, Page } from '@playwright/test';
import { watchCsp, expectFailure } from './support';
import { readFileSync } from 'node:fs';

// A visitor's journey through the public calendar, with JavaScript on and off.

const violations = watchCsp();

async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

test('with JavaScript: filter by kind without a reload, open an event, download its .ics', async ({ page }) => {
  await page.goto('/lich');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch sự kiện xúc tiến thương mại');
  await hydrated(page);

  // a marker that a full page load would wipe out
  await page.evaluate(() => { (window as any).__stillHere = 'yes'; });
  const before = await page.locator('.event-item').count();
  expect(before).toBeGreaterThan(1);

  await page.getByLabel('Loại sự kiện').selectOption('fair');
  await expect(page).toHaveURL(/[?&]kind=fair/);
  await expect(page.locator('#f-kind')).toHaveValue('fair');
  const tags = page.locator('.event-item .tag-fair');
  await expect(async () => {
    const items = await page.locator('.event-item').count();
    expect(items).toBeGreaterThan(0);
    expect(items).toBeLessThan(before);
    expect(await tags.count()).toBe(items);
  }).toPass();
  expect(await page.evaluate(() => (window as any).__stillHere)).toBe('yes');

  // the search button keeps the address clean (the router's form once added a stray "&=")
  await page.getByLabel('Tìm kiếm').fill('hoi cho');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/\/lich\?q=hoi\+cho&kind=fair$/);
  await expect(page.locator('.event-item').first()).toBeVisible();

  // an event opened from the filtered calendar leads back to it
  await page.locator('.event-item h3 a').first().click();
  await expect(page).toHaveURL(/\/su-kien\/\d+\?tu=/);
  await expect(page.locator('.event-page h1')).toBeVisible();
  await expect(page.getByText('Thời gian')).toBeVisible();
  expect(await page.evaluate(() => (window as any).__stillHere)).toBe('yes');
  await expect(page.getByRole('link', { name: '← Quay lại lịch sự kiện' })).toHaveAttribute('href', '/lich?kind=fair&q=hoi+cho');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Thêm vào lịch (.ics)' }).click();
  const file = await (await download).path();
  const ics = readFileSync(file, 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics).toContain('BEGIN:VEVENT');
});

test('negative control: with the wasm blocked the page never hydrates', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/lich');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForTimeout(3000);
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  violations.length = 0; // the failed start is what this test provokes
});

test('negative control: an unexpected 404 and a console error are noticed', async ({ page }) => {
  await page.goto('/lich');
  await page.evaluate(() => fetch('/khong-co-trang-nay').then(() => console.error('a deliberate error')));
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
  expect(violations.some((v) => v.startsWith('404 GET') && v.includes('/khong-co-trang-nay'))).toBe(true);
  expect(violations.some((v) => v.includes('a deliberate error'))).toBe(true);
  violations.length = 0; // seen, as expected: the detector works
});

test('negative control: an inline script without the nonce is refused and noticed', async ({ page }) => {
  await page.goto('/lich');
  await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => {});
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as any).__injected)).toBeUndefined();
  violations.length = 0; // seen, as expected: the detector works and the policy holds
});

test('an event page opened directly hydrates (its code is a lazy chunk) and navigates without a reload', async ({ page }) => {
  await page.goto('/lich?kind=fair');
  const href = await page.locator('.event-item h3 a').first().getAttribute('href');
  await page.goto(href!);
  await expect(page.locator('.event-page h1')).toBeVisible();
  await hydrated(page);
  await page.evaluate(() => { (window as any).__stillHere = 'yes'; });
  // the way back keeps the calendar's filter
  await page.getByRole('link', { name: '← Quay lại lịch sự kiện' }).click();
  await expect(page).toHaveURL(/\/lich\?kind=fair$/);
  await expect(page.locator('.event-item').first()).toBeVisible();
  expect(await page.evaluate(() => (window as any).__stillHere)).toBe('yes');
});

test('the month view and the archive are one click away', async ({ page }) => {
  await page.goto('/lich');
  await hydrated(page);
  await page.getByRole('link', { name: 'Lịch tháng' }).click();
  await expect(page).toHaveURL(/view=month/);
  await expect(page.locator('table.month-grid')).toBeVisible();
  await page.getByRole('link', { name: 'Tháng sau' }).click();
  await expect(page).toHaveURL(/month=\d{4}-\d{2}/);
  await page.locator('.view-switch').getByRole('link', { name: 'Sự kiện đã qua' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sự kiện đã qua');
});

test('the language switch persists across pages', async ({ page }) => {
  await page.goto('/lich');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trade promotion event calendar');
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Tiếng Việt' })).toBeVisible();
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('an unknown event is a 404 page in Vietnamese', async ({ page }) => {
  expectFailure(/\/su-kien\/999999$/);
  const res = await page.goto('/su-kien/999999');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('filter by kind, open an event, download its .ics', async ({ page }) => {
    await page.goto('/lich');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch sự kiện xúc tiến thương mại');
    const before = await page.locator('.event-item').count();
    expect(before).toBeGreaterThan(1);

    await page.getByLabel('Loại sự kiện').selectOption('fair');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(/[?&]kind=fair/);
    const items = await page.locator('.event-item').count();
    expect(items).toBeGreaterThan(0);
    expect(items).toBeLessThan(before);
    expect(await page.locator('.event-item .tag-fair').count()).toBe(items);

    await page.locator('.event-item h3 a').first().click();
    await expect(page).toHaveURL(/\/su-kien\/\d+\?tu=kind%3Dfair$/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Thêm vào lịch (.ics)' }).click();
    const ics = readFileSync(await (await download).path(), 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('\r\n');
  });

  test('search ignores diacritics', async ({ page }) => {
    await page.goto('/lich?q=sau+rieng&past=1');
    const archived = await page.locator('.event-item').count();
    await page.goto('/lich?q=sau+rieng');
    const upcoming = await page.locator('.event-item').count();
    expect(archived + upcoming).toBeGreaterThan(0);
    await expect(page.locator('#f-q')).toHaveValue('sau rieng');
  });
});
