import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchCsp, expectFailure, producer, staffFromLink } from './support';

// WCAG 2.1 A and AA as axe-core checks them in Chromium, on every page a visitor, a producer and
// staff use, at a desktop's and a phone's width: no serious or critical violation.

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// console errors, CSP violations and unexpected 404/5xx fail each test (checked after it)
watchCsp();

/** The serious and critical WCAG violations on the page as it stands, and any skipped heading
 * level (axe files that rule under best practice, as moderate), one line each. */
async function serious(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags([...TAGS, 'best-practice']).analyze();
  return result.violations
    .filter(
      (v) =>
        v.id === 'heading-order' ||
        ((v.impact === 'serious' || v.impact === 'critical') && v.tags.some((tag) => TAGS.includes(tag))),
    )
    .map((v) => `${label}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every page of `paths`, at both widths, once hydrated: no serious or critical violation. */
async function accessible(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      await page.waitForLoadState('networkidle');
      found.push(...(await serious(page, `${path} at ${size.width} px`)));
    }
  }
  expect(found).toEqual([]);
}

test('a visitor meets no serious accessibility violation on any public page', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/lich');
  const event = (await page.locator('.event-item h3 a').first().getAttribute('href')) ?? '/';
  await accessible(page, ['/', '/lich', '/lich?view=month', '/lich?past=1', event, '/ket-qua', '/dang-nhap', '/dang-ky', '/quen-mat-khau']);

  // negative control: text as pale as its background is caught
  await page.goto('/');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Chữ mờ';
    p.style.color = '#eeeeee';
    p.style.background = '#ffffff';
    document.querySelector('main')?.append(p);
  });
  expect((await serious(page, 'control')).some((v) => v.includes('color-contrast'))).toBe(true);
  // and a heading that skips a level
  await page.evaluate(() => {
    const h = document.createElement('h5');
    h.textContent = 'Tiêu đề lạc cấp';
    document.querySelector('main h1')?.after(h);
  });
  expect((await serious(page, 'control')).some((v) => v.includes('heading-order'))).toBe(true);
});

test('a producer meets none on its console, account and application form', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const page = await producer(browser, `a11y${stamp}@ocop-daklak.test`, `Hợp tác xã tiếp cận ${stamp}`, 8);
  await page.goto('/doanh-nghiep#ho-so');
  const apply = (await page.locator('ul.open-calls a').first().getAttribute('href')) ?? '/doanh-nghiep';
  await accessible(page, ['/doanh-nghiep', '/tai-khoan', apply]);
});

test('staff meet none in the consoles, the editor, the review and the outcomes', async ({ page }) => {
  test.setTimeout(180_000);
  await staffFromLink(page, 'A11Y_LINK', 'tiepcan@sct-daklak.test');
  await page.goto('/can-bo/su-kien');
  const hrefs = await page.locator('a[href^="/can-bo/su-kien/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const editor = hrefs.find((href) => /^\/can-bo\/su-kien\/\d+$/.test(href));
  expect(editor).toBeDefined();
  // the review and outcomes of an event with a call (the staff console links its reviews)
  await page.goto('/can-bo');
  const reviews = await page.locator('a[href$="/ho-so"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const id = reviews.map((href) => href.match(/^\/can-bo\/su-kien\/(\d+)\/ho-so$/)?.[1]).find((found) => found);
  expect(id).toBeDefined();
  // and a page that could not be shown (no such event): it still has a title
  expectFailure(/\/can-bo\/su-kien\/999999999\//);
  await accessible(page, ['/quan-tri', '/can-bo', '/can-bo/su-kien', '/can-bo/su-kien/moi', editor ?? '/can-bo', `/can-bo/su-kien/${id}/ho-so`, `/can-bo/su-kien/${id}/ket-qua`, '/can-bo/su-kien/999999999/ho-so']);
});
