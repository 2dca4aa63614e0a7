import { test, expect, Page } from '@playwright/test';
import { createServer } from 'node:http';
import { watchCsp, expectFailure, hydrated, staffFromLink } from './support';

// OCOP points of sale. Staff register a point with its coordinates and the products on sale; a
// swapped latitude and longitude is refused beside the field and changes nothing. A visitor finds
// the point in the public list (with JavaScript and without), opens it, sees the photo staff
// uploaded (a PDF is refused), reads its schema.org Store and its products, and a product's page names the point under "where to buy". The map draws a
// marker for each point over the configured tiles (served here by the test) within the pages'
// content security policy.

watchCsp();

/** A 1 × 1 PNG, the tile every request gets. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=', 'base64');

test('the map shows every point of the list over the configured tiles', async ({ page }) => {
  let tiles = 0;
  const server = createServer((req, res) => {
    if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) tiles++;
    res.writeHead(200, { 'Content-Type': 'image/png' });
    res.end(TILE);
  });
  await new Promise<void>((done) => server.listen(Number(process.env.E2E_TILES_PORT ?? 3199), '127.0.0.1', done));
  try {
    await page.goto('/diem-ban');
    await hydrated(page);
    const listed = await page.locator('.sale-point-list > li').count();
    const map = page.frameLocator('iframe.map');
    await expect(map.locator('#map')).toHaveAttribute('data-markers', String(listed));
    await expect(map.locator('.leaflet-marker-icon')).toHaveCount(listed);
    await expect(map.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap');
    expect(tiles).toBeGreaterThan(0);
    // a marker opens its point's page in the whole window (the map in view, as a reader sees it)
    await page.locator('iframe.map').scrollIntoViewIfNeeded();
    await map.locator('.leaflet-marker-icon').first().click();
    await map.locator('.leaflet-popup-content a').click();
    await expect(page).toHaveURL(/\/diem-ban\/\d+$/);
    await expect(page.frameLocator('iframe.map').locator('#map')).toHaveAttribute('data-markers', /^\d+$/);
  } finally {
    server.close();
  }
});

async function visitPoint(page: Page, name: string) {
  await page.goto('/diem-ban');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Điểm giới thiệu và bán sản phẩm OCOP');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(/\/diem-ban\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('#thong-tin')).toContainText('Giờ mở cửa');
}

test('staff register a point; visitors find it and where to buy a product', async ({ page }) => {
  test.setTimeout(120_000);
  await staffFromLink(page, 'POINTS_LINK', 'diemban@sct-daklak.test');
  await page.goto('/can-bo');
  await hydrated(page);
  await page.getByRole('link', { name: 'Điểm bán OCOP' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Điểm giới thiệu và bán sản phẩm OCOP');
  await hydrated(page);
  const before = await page.locator('table.sale-points tbody tr').count();
  expect(before).toBeGreaterThan(3);

  await page.getByLabel('Tên điểm bán').fill('Điểm OCOP Chợ Buôn Ma Thuột');
  await page.getByLabel('Đơn vị vận hành').fill('Ban quản lý chợ trung tâm');
  await page.getByLabel('Loại địa điểm (QĐ 950/QĐ-BCT)').selectOption('retail');
  await page.getByLabel('Địa chỉ (số nhà, đường)').fill('Số 2 Phan Bội Châu');
  await page.getByLabel('Giờ mở cửa').fill('6:00–18:00');
  // latitude and longitude swapped: refused beside the field, nothing saved
  await page.getByLabel('Vĩ độ (ví dụ 12,6797)').fill('108,0412');
  await page.getByLabel('Kinh độ (ví dụ 108,0377)').fill('12,6667');
  // the demo producer's honey (other tests add products of the same name, with a stamp)
  await page.getByRole('checkbox', { name: /Mật ong hoa cà phê \(OCOP/ }).check();
  await page.getByRole('button', { name: 'Lưu điểm bán' }).click();
  await expect(page.locator('#f-latitude-msg')).toContainText('Vĩ độ và kinh độ bị đảo');
  await expect(page.locator('#sale-point-saved')).toHaveCount(0);
  await expect(page.locator('table.sale-points tbody tr')).toHaveCount(before);

  await page.getByLabel('Vĩ độ (ví dụ 12,6797)').fill('12,6667');
  await page.getByLabel('Kinh độ (ví dụ 108,0377)').fill('108,0412');
  await page.getByRole('button', { name: 'Lưu điểm bán' }).click();
  await expect(page.locator('#sale-point-saved')).toBeVisible();
  await expect(page.locator('table.sale-points tbody tr')).toHaveCount(before + 1);
  await expect(page.locator('table.sale-points')).toContainText('Điểm OCOP Chợ Buôn Ma Thuột');

  // a photo of the point: from its form, a plain upload; a PDF is refused in Vietnamese
  await page.getByRole('link', { name: 'Điểm OCOP Chợ Buôn Ma Thuột', exact: true }).click();
  await expect(page.locator('#anh-diem-ban')).toBeVisible();
  await page.getByLabel('Thêm ảnh (JPEG, PNG, WebP, tối đa 10 MB)').setInputFiles({
    name: 'bien-bang.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n'),
  });
  expectFailure(/\/can-bo\/diem-ban\/\d+\/anh$/);
  await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await expect(page.locator('main')).toContainText('Chỉ nhận ảnh JPEG, PNG hoặc WebP');
  await page.goBack();
  await expect(page.locator('#anh-diem-ban')).toBeVisible();
  await page.getByLabel('Thêm ảnh (JPEG, PNG, WebP, tối đa 10 MB)').setInputFiles({
    name: 'mat-tien.png', mimeType: 'image/png', buffer: TILE,
  });
  await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
  await expect(page).toHaveURL(/\/can-bo\/diem-ban\?sua=\d+&anh=1/);
  await expect(page.locator('#anh-diem-ban')).toContainText('Đã tải ảnh lên.');
  await expect(page.locator('#anh-diem-ban .photo-list img')).toHaveCount(1);

  // the visitor's side
  await visitPoint(page, 'Điểm OCOP Chợ Buôn Ma Thuột');
  await hydrated(page);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent() ?? '{}');
  expect(ld['@type']).toBe('Store');
  expect(ld.name).toBe('Điểm OCOP Chợ Buôn Ma Thuột');
  expect(ld.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 12.6667, longitude: 108.0412 });
  expect(ld.address.streetAddress).toBe('Số 2 Phan Bội Châu');
  // its photo, shown and named in the Store (an absolute address)
  expect(ld.image).toHaveLength(1);
  expect(ld.image[0]).toMatch(/^https?:\/\/[^/]+\/diem-ban\/anh\/\d+$/);
  const photo = page.locator('.sale-point-page .photos img');
  await expect(photo).toHaveCount(1);
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await page.locator('.product-card h2 a', { hasText: 'Mật ong hoa cà phê' }).click();
  await expect(page).toHaveURL(/\/san-pham\/\d+$/);
  await expect(page.locator('#noi-ban')).toContainText('Điểm OCOP Chợ Buôn Ma Thuột');
  // the open data has it, longitude first
  const geo = await (await page.request.get('/diem-ban.geojson')).json();
  const mine = geo.features.find((f: { properties: { name: string } }) => f.properties.name === 'Điểm OCOP Chợ Buôn Ma Thuột');
  expect(mine.geometry.coordinates).toEqual([108.0412, 12.6667]);
  expectFailure(/\/diem-ban\/999999$/);
  expect((await page.goto('/diem-ban/999999'))?.status()).toBe(404);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the list, its filter and a point are plain pages', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Điểm bán sản phẩm OCOP' }).click();
    await expect(page).toHaveURL(/\/diem-ban$/);
    const all = await page.locator('.sale-point-list > li').count();
    expect(all).toBeGreaterThan(3);
    await page.getByLabel('Xã, phường').selectOption({ label: 'Phường Tuy Hòa' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(/\/diem-ban\?xa=\d+/);
    await expect(page.locator('.sale-point-list > li')).toHaveCount(1);
    await expect(page.locator('.sale-point-list')).toContainText('Tạm ngừng hoạt động');
    await visitPoint(page, 'Điểm giới thiệu và bán sản phẩm OCOP tỉnh Đắk Lắk');
    await expect(page.locator('.product-card').first()).toBeVisible();
  });
});
