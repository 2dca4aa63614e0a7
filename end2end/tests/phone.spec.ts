import { test, expect, Page } from '@playwright/test';
import { watchCsp, producer, addProduct } from './support';

// At a phone's width (390 px) every page a visitor and a producer use fits the screen: nothing
// scrolls sideways (a table may scroll inside its own box), the month reads as titles, and the
// search box's hint is not cut off.

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });
const violations = watchCsp();

/** The page at `path` is no wider than the screen. */
async function fits(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, `${path} is ${scroll} px wide on a ${client} px screen`).toBeLessThanOrEqual(client);
}

test('a visitor reads every public page at phone width without scrolling sideways', async ({ page }) => {
  await page.goto('/lich');
  const event = await page.locator('.event-item h3 a').first().getAttribute('href');
  for (const path of ['/', '/lich', '/lich?view=month', '/lich?past=1', event ?? '/', '/ket-qua', '/dang-nhap', '/dang-ky', '/quen-mat-khau']) {
    await fits(page, path);
  }

  // the month: titles a person can read, not dots
  await page.goto('/lich?view=month');
  const title = page.locator('.month-grid td.has-events li a').first();
  await expect(title).toBeVisible();
  expect((await title.innerText()).trim().length).toBeGreaterThan(3);
  expect(await title.evaluate((a) => parseFloat(getComputedStyle(a).fontSize))).toBeGreaterThanOrEqual(12);

  // the search box's placeholder fits in the box
  const [needed, room] = await page.locator('#f-q').evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = style.font;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return [context.measureText(input.placeholder).width, input.clientWidth - padding];
  });
  expect(needed).toBeLessThanOrEqual(room);

  // negative control: a page made wider than the screen is caught
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.style.width = '600px';
    wide.style.height = '1px';
    document.body.append(wide);
  });
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeGreaterThan(client);
  expect(violations).toEqual([]);
});

test('a producer works at phone width: the console with its products, the application form', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const page = await producer(browser, `dt${stamp}@ocop-daklak.test`, `Hộ dùng điện thoại ${stamp}`, 7, { viewport: PHONE });
  await addProduct(page, `Mật ong hoa cà phê ${stamp}`, '4');
  await fits(page, '/doanh-nghiep');
  await fits(page, '/tai-khoan');
  await page.goto('/doanh-nghiep#ho-so');
  const apply = await page.locator('ul.open-calls a').first().getAttribute('href');
  await fits(page, apply ?? '/doanh-nghiep');
});
