import { test, expect, Page } from '@playwright/test';
import { watchCsp, expectFailure, hydrated } from './support';

// A visitor looks for an OCOP product in the public directory: searches without diacritics,
// opens a product, sees who makes it and where it is shown, and reaches its producer. With
// JavaScript on and off.

watchCsp();

async function findHoney(page: Page) {
  await page.goto('/san-pham');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sản phẩm OCOP');
  const all = await page.locator('.product-card').count();
  expect(all).toBeGreaterThan(3);
  // no diacritics typed, the product's name has them
  await page.getByLabel('Tìm sản phẩm, đơn vị').fill('mat ong hoa ca phe');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await expect(page).toHaveURL(/\/san-pham\?q=mat\+ong\+hoa\+ca\+phe/);
  await expect(page.locator('.product-card')).toHaveCount(1);
  await expect(page.locator('.product-card h2')).toHaveText('Mật ong hoa cà phê');
  await page.locator('.product-card h2 a').click();
  await expect(page).toHaveURL(/\/san-pham\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mật ong hoa cà phê');
  await expect(page.locator('#chung-nhan')).toContainText('Số giấy chứng nhận');
  await expect(page.locator('#chung-nhan')).toContainText('Hiệu lực đến');
  await expect(page.getByRole('heading', { name: 'Mua ở đâu' })).toBeVisible();
}

test('with JavaScript: search without diacritics, open the product, reach its producer', async ({ page }) => {
  await findHoney(page);
  await hydrated(page);
  // structured data a search engine reads: a Product with its Brand
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent() ?? '{}');
  expect(ld['@context']).toBe('https://schema.org');
  expect(ld['@type']).toBe('Product');
  expect(ld.name).toBe('Mật ong hoa cà phê');
  expect(ld.brand['@type']).toBe('Brand');
  expect(ld.brand.name).toBe('HKD Mật ong Ea Kly');
  expect(ld.url).toMatch(/\/san-pham\/\d+$/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/san-pham\/\d+$/);

  await page.getByRole('link', { name: 'HKD Mật ong Ea Kly' }).first().click();
  await expect(page).toHaveURL(/\/doanh-nghiep-ocop\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('HKD Mật ong Ea Kly');
  await expect(page.locator('.product-card h2')).toContainText(['Mật ong hoa cà phê']);
  // its contact details stay private until it chooses
  await expect(page.getByText('Đơn vị chưa công khai thông tin liên hệ.')).toBeVisible();

  // filters narrow the list; a page that finds nothing says so
  await page.goto('/san-pham?sao=5');
  await hydrated(page);
  const five = page.locator('.product-card .stars');
  expect(await five.count()).toBeGreaterThan(0);
  for (const text of await five.allTextContents()) expect(text).toBe('OCOP 5 sao');
  await page.goto('/san-pham?q=khong+co+san+pham+nao');
  await expect(page.getByText('Không có sản phẩm nào khớp.')).toBeVisible();
  // an unknown product is a 404 in Vietnamese
  expectFailure(/\/san-pham\/999999$/);
  const missing = await page.goto('/san-pham/999999');
  expect(missing?.status()).toBe(404);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same search, the product and the producer list work as plain pages', async ({ page }) => {
    await findHoney(page);
    await page.goto('/doanh-nghiep-ocop?q=ea+kly');
    await expect(page.locator('.producer-list li')).toHaveCount(1);
    await expect(page.locator('.producer-list li')).toContainText('HKD Mật ong Ea Kly');
    // the main menu leads to the directory
    await page.goto('/');
    await page.getByRole('link', { name: 'Sản phẩm OCOP' }).first().click();
    await expect(page).toHaveURL(/\/san-pham$/);
  });
});
