import { test, expect } from '@playwright/test';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { watchCsp } from './support';

// A commune's web editor puts the Department's calendar on the commune's site: copies the code
// from the calendar page (with the filter they chose), pastes it into their page, and their
// visitors read the fairs there and open one on the Department's site. Any other page of the
// system refuses to be framed.

const violations = watchCsp();

/** Another site, on another origin (another port of this machine): a commune's page whose body
 * the test writes. */
async function portal(body: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Xã Ea Tu</title></head>
             <body><h1>Cổng thông tin xã Ea Tu</h1>${body()}</body></html>`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

test('the calendar framed on another site, with the filter chosen, opening events here', async ({ page }) => {
  await page.goto('/lich?kind=fair');
  const fairs = (await page.locator('.event-item h3 a').allTextContents()).map((t) => t.trim());
  expect(fairs.length).toBeGreaterThan(0);
  // the subscribe box: webcal:// for calendar apps, and the code for other websites
  const subscribe = page.locator('#theo-doi');
  await expect(subscribe.getByRole('link', { name: 'Đăng ký lịch (iCal)' })).toHaveAttribute('href', /^webcal:\/\/.*\/calendar\.ics\?kind=fair$/);
  await subscribe.getByText('Nhúng lịch này vào trang web khác').click();
  const code = await page.getByLabel(/Chép đoạn mã này/).inputValue();
  expect(code).toMatch(/^<iframe src="http:\/\/[^"]+\/nhung\/lich\?kind=fair" title="Lịch xúc tiến thương mại Đắk Lắk"/);

  // the commune's page, on another origin, with the code pasted in
  const site = await portal(() => code);
  await page.goto(site.url);
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('header a')).toHaveText('Lịch xúc tiến thương mại Đắk Lắk');
  await expect(frame.locator('li > a')).toHaveText(fairs);
  // the frame's own style sheet came from the Department's site (an absent one would be a 404)
  expect(await frame.locator('li time').first().evaluate((e) => getComputedStyle(e).display)).toBe('block');
  // a visitor opens a fair: the Department's page, in a new tab
  const [opened] = await Promise.all([page.context().waitForEvent('page'), frame.locator('li > a').first().click()]);
  await opened.waitForLoadState();
  expect(opened.url()).toMatch(/\/su-kien\/\d+$/);
  await expect(opened.getByRole('heading', { level: 1 })).toHaveText(fairs[0]);
  expect(violations).toEqual([]);
  site.server.close();
});

test('every other page refuses to be framed (negative control)', async ({ page, baseURL }) => {
  const site = await portal(() => `<iframe src="${baseURL}/lich"></iframe>`);
  await page.goto(site.url);
  // Chromium refuses the frame and says why; the calendar never shows inside it
  await expect.poll(() => violations.some((v) => /frame-ancestors/.test(v))).toBe(true);
  await expect(page.frameLocator('iframe').locator('.site-header')).toHaveCount(0);
  await expect(page.frameLocator('iframe').getByText('Lịch sự kiện xúc tiến thương mại')).toHaveCount(0);
  violations.length = 0;
  site.server.close();
});
