// What a visitor on a phone meets (make bench, scripts/phone.sh): Chromium through the DevTools
// protocol with 4x CPU slowdown and a slow 4G network (1.6 Mbit/s down, 750 kbit/s up, 150 ms
// round trip), a first visit (empty cache) and a repeat visit to each page: the bytes received
// (encoded, as on the wire), first contentful paint, largest contentful paint, and the time until
// the page is hydrated (the markers the browser tests wait for: `data-hydrated`, and for a lazy
// page `data-page-ready`, set once its route has hydrated). The median of RUNS runs each.
//   node end2end/first-visit.mjs BASE_URL PATH...
import { chromium } from '@playwright/test';

const [base, ...paths] = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function visit(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6e6 / 8),
    uploadThroughput: (750e3 / 8),
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; requests += 1; });
  // a lazy page loads its route's module (split___…wasm) and is interactive only once it is in
  let lazy = false;
  cdp.on('Network.requestWillBeSent', (e) => { lazy ||= e.request.url.includes('/split___'); });
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    // the document has no element yet when this runs: watch the whole document for the marker
    new MutationObserver(() => {
      const root = document.documentElement;
      if (!window.__hydrated && root?.getAttribute('data-hydrated') === 'true') {
        window.__hydrated = performance.now();
      }
      if (!window.__ready && root?.getAttribute('data-page-ready') === 'true') {
        window.__ready = performance.now();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated', 'data-page-ready'] });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__hydrated, null, { timeout: 60_000 });
  // everything the page asked for has arrived (a lazy chunk may come after load)
  await page.waitForLoadState('networkidle');
  // a lazy page is hydrated when its route is (data-page-ready), not when the app around it is:
  // the app's marker can come before the route's module has even arrived
  if (lazy) await page.waitForFunction(() => window.__ready, null, { timeout: 60_000 });
  const m = await page.evaluate((lazy) => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
    lcp: window.__lcp,
    hydrated: lazy ? Math.max(window.__hydrated, window.__ready) : window.__hydrated,
  }), lazy);
  await page.close();
  return { ...m, bytes, requests };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
console.log('| page | visit | received (KB, median) | requests | first contentful paint (s) | largest contentful paint (s) | hydrated (s) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const path of paths) {
  const first = [];
  const repeat = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    first.push(await visit(context, base + path));
    repeat.push(await visit(context, base + path));
    await context.close();
  }
  for (const [name, xs] of [['first', first], ['repeat', repeat]]) {
    const col = (k) => median(xs.map((x) => x[k]));
    console.log(`| \`${path}\` | ${name} | ${(col('bytes') / 1000).toFixed(1)} | ${col('requests')} | ${(col('fcp') / 1000).toFixed(2)} | ${(col('lcp') / 1000).toFixed(2)} | ${(col('hydrated') / 1000).toFixed(2)} |`);
  }
}
await browser.close();
