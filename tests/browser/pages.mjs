// pages.mjs — the status pages in Debian's Chromium, driven by
// playwright-core, against a running nyxmon whose page is private:
//
//   node pages.mjs BASE_URL TOKEN ARTIFACT_DIR DOWN_CHECK BEFORE_RFC3339
//
// Logs in with the token (form → HttpOnly, SameSite=Strict cookie → the
// overview), reaches the down check's page with the keyboard alone, reads
// why it is down, looks at it before its incident with ?at=, and runs
// axe-core's WCAG 2 A and AA rules on every page in light and dark mode.
// Screenshots go to ARTIFACT_DIR. Exits 1 listing every failure.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, token, artifacts, check, before] = process.argv.slice(2);
if (!before) {
  console.error('usage: node pages.mjs BASE_URL TOKEN ARTIFACT_DIR DOWN_CHECK BEFORE_RFC3339');
  process.exit(2);
}

const failures = [];
const expect = (holds, what) => {
  if (!holds) failures.push(what);
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
         '--no-first-run', '--disable-background-networking', '--disable-component-update',
         '--disable-sync'],
});
const requested = [];
const watch = (context) => context.on('request', (request) => requested.push(request.url()));

try {
  // Login: the token goes in a form, never in a URL.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  watch(desk);
  const page = await desk.newPage();
  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname === '/login', `a private page sends a browser to /login, not ${page.url()}`);
  await page.screenshot({ path: `${artifacts}/login.png` });
  await page.fill('input[name=token]', token);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  const cookies = await desk.cookies();
  const session = cookies.find((cookie) => cookie.name === 'nyxmon_session');
  expect(session && session.httpOnly && session.sameSite === 'Strict',
         `the session cookie is HttpOnly and SameSite=Strict: ${JSON.stringify(session)}`);
  const services = await page.$$eval('section[id^="service-"]', (all) => all.map((s) => s.id));
  expect(services.length >= 2, `the overview shows the services: ${services}`);
  const firstStatus = await page.getAttribute('section[id^="service-"] h2 .pill', 'class');
  expect(firstStatus && firstStatus.includes('down'), `problems come first: ${firstStatus}`);
  await page.screenshot({ path: `${artifacts}/overview.png`, fullPage: true });

  // The keyboard alone reaches the down check's page.
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    reached = href === `/checks/${check}`;
  }
  expect(reached, `Tab reaches the link to /checks/${check}`);
  if (reached) {
    await Promise.all([page.waitForURL(`**/checks/${check}`), page.keyboard.press('Enter')]);
  } else {
    await page.goto(`${base}/checks/${check}`);
  }
  const why = await page.textContent('#why').catch(() => '');
  expect(why.includes('Why is it down?') && why.includes('→ down'),
         `the check page says why it is down: ${why.slice(0, 300)}`);
  await page.screenshot({ path: `${artifacts}/check-page.png`, fullPage: true });

  // The same page before the incident.
  await page.goto(`${base}/checks/${check}?at=${encodeURIComponent(before)}`);
  const past = await page.textContent('#past').catch(() => '');
  expect(past.includes('The past'), 'the page says it shows the past');
  expect((await page.getAttribute('#check', 'data-status')) === 'up', 'before its incident the check was up');
  await page.screenshot({ path: `${artifacts}/check-page-before.png`, fullPage: true });
  // Its step button walks to the change.
  await Promise.all([page.waitForURL(/at=/), page.click('#step-next')]).catch(() => {});
  expect((await page.getAttribute('#check', 'data-status')) === 'down', 'the next change is the one to down');

  await page.goto(`${base}/incidents`);
  expect((await page.$$(`tr[data-check="${check}"]`)).length > 0, 'the incidents page lists the incident');
  await page.screenshot({ path: `${artifacts}/incidents.png`, fullPage: true });

  // A phone, and the dark scheme.
  for (const [name, options] of [
    ['status-page-375.png', { viewport: { width: 375, height: 800 } }],
    ['status-page-dark.png', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
  ]) {
    const context = await browser.newContext(options);
    watch(context);
    await context.addCookies(cookies);
    const view = await context.newPage();
    await view.goto(`${base}/`);
    const width = await view.evaluate(() => document.documentElement.scrollWidth);
    if (name.includes('375')) expect(width <= 375, `nothing wider than 375 px on a phone: ${width}`);
    await view.screenshot({ path: `${artifacts}/${name}`, fullPage: true });
    await context.close();
  }

  // axe-core, WCAG 2 A and AA, every page, light and dark.
  const paths = ['/', `/checks/${check}`, `/checks/${check}?at=${encodeURIComponent(before)}`,
                 '/incidents', '/login'];
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme });
    watch(context);
    await context.addCookies(cookies);
    for (const path of paths) {
      const view = await context.newPage();
      await view.goto(`${base}${path}`);
      await view.addScriptTag({ content: axeSource });
      const result = await view.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
      for (const violation of result.violations) {
        const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('; ');
        failures.push(`axe ${colorScheme} ${path}: ${violation.id} (${violation.impact}): ${violation.help} — ${where}`);
      }
      await view.close();
    }
    await context.close();
  }

  expect(!requested.some((url) => url.includes(token)), 'no URL the browser asked for carries the token');
} catch (error) {
  failures.push(`the browser run stopped: ${error.stack || error}`);
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('pages.mjs: all checks passed');
