// The status page of a running brobygd in headless Chromium (issue 16): log in with the token
// file's token, see the demo job and its last run, press "run now" and see the new run; and
// the refusals without a session, with a wrong token, and for cross-site requests. Started
// by StatusPageTest.cpp, which starts brobygd on a demo installation and runs the job once.
//   node status-page.test.js BASE_URL TOKEN_FILE JOB SCREENSHOT.png
'use strict';

const fs = require('fs');
const puppeteer = require('puppeteer-core');

const [base, tokenFile, job, screenshot] = process.argv.slice(2);
const token = fs.readFileSync(tokenFile, 'utf8').trim();
const origin = new URL(base).origin;
const timeout = 45000;

function expectStatus(what, response, allowed) {
  if (!allowed.includes(response.status))
    throw new Error(`${what}: HTTP ${response.status}, expected ${allowed.join(' or ')}`);
  console.log(`ok: ${what}: ${response.status}`);
}

// Requests a script or another site could make, outside the browser.
async function refusals(cookie, csrf) {
  expectStatus('status without a cookie', await fetch(base + '/status.json'), [401]);
  expectStatus('run without a cookie', await fetch(`${base}/jobs/${job}/run`,
      {method: 'POST', headers: {Origin: origin}}), [401]);
  const form = {'Content-Type': 'application/x-www-form-urlencoded', Origin: origin};
  expectStatus('login with a wrong token', await fetch(base + '/login',
      {method: 'POST', headers: form, body: 'token=' + 'x'.repeat(token.length),
       redirect: 'manual'}), [401]);
  expectStatus('login from another site', await fetch(base + '/login',
      {method: 'POST', headers: {...form, Origin: 'http://evil.example'},
       body: 'token=' + encodeURIComponent(token), redirect: 'manual'}), [403]);
  expectStatus('a forged session cookie', await fetch(base + '/status.json',
      {headers: {Cookie: 'brobyg_session=' + 'a'.repeat(64)}}), [401]);
  const withCookie = {Cookie: 'brobyg_session=' + cookie};
  expectStatus('the session reads status', await fetch(base + '/status.json',
      {headers: withCookie}), [200]);
  expectStatus('cross-site POST: right CSRF token, foreign Origin', await fetch(
      `${base}/jobs/${job}/run`, {method: 'POST',
       headers: {...withCookie, 'X-CSRF-Token': csrf, Origin: 'http://evil.example'}}), [403]);
  expectStatus('POST without the CSRF token', await fetch(`${base}/jobs/${job}/run`,
      {method: 'POST', headers: {...withCookie, Origin: origin}}), [403]);
  expectStatus('POST with a wrong CSRF token', await fetch(`${base}/jobs/${job}/run`,
      {method: 'POST', headers: {...withCookie, Origin: origin, 'X-CSRF-Token': 'b'.repeat(64)}}),
      [403]);
  expectStatus('POST without an Origin', await fetch(`${base}/outbox/x/retry`,
      {method: 'POST', headers: {...withCookie, 'X-CSRF-Token': csrf}}), [403]);
  expectStatus('the bearer token still works for scripts', await fetch(base + '/runs?limit=1',
      {headers: {Authorization: 'Bearer ' + token}}), [200]);
}

// What scripts get with the bearer token: /runs, /metrics and the retry endpoint's refusals.
async function scriptApi() {
  const bearer = {Authorization: 'Bearer ' + token};
  const runs = await (await fetch(`${base}/runs?job=${job}&limit=1`, {headers: bearer})).json();
  if (runs.length !== 1 || runs[0].job !== job || runs[0].status !== 'ok')
    throw new Error('/runs: ' + JSON.stringify(runs));
  expectStatus('runs of an unknown job', await fetch(base + '/runs?job=nope',
      {headers: bearer}), [404]);
  expectStatus('runs with a limit out of range', await fetch(base + '/runs?limit=0',
      {headers: bearer}), [400]);
  expectStatus('a malformed query', await fetch(base + '/runs?limit=%zz', {headers: bearer}),
      [400]);
  expectStatus('retry of an unknown package', await fetch(base + '/outbox/nope/retry',
      {method: 'POST', headers: bearer}), [404]);
  const status = await (await fetch(base + '/status.json', {headers: bearer})).json();
  const delivered = status.outbox.packages.find((p) => p.state === 'delivered');
  expectStatus('retry of a delivered package', await fetch(
      `${base}/outbox/${delivered.package}/retry`, {method: 'POST', headers: bearer}), [409]);
  const metrics = await (await fetch(base + '/metrics', {headers: bearer})).text();
  for (const line of [
    `brobyg_job_last_success_timestamp_seconds{job="${job}"} `,
    `brobyg_run_duration_seconds_bucket{job="${job}",le="+Inf"} 1\n`,
    'brobyg_outbox_oldest_waiting_age_seconds 0\n',
    `brobyg_certificate_expiry_timestamp_seconds{setting="recipient vive certificate",` +
        `role="recipient",job="${job}"} `,
  ]) {
    if (!metrics.includes(line)) throw new Error('/metrics lacks ' + line + ':\n' + metrics);
  }
  console.log('ok: /runs, /metrics and retry answer scripts');
}

async function newestRun(page) {
  return page.$$eval('#runs tbody tr', (rows) =>
      Math.max(0, ...rows.map((r) => Number(r.dataset.runId))));
}

async function main() {
  await scriptApi();
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // As root (CI) Chromium refuses its sandbox; the page is our own, on loopback.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    // Script errors and Content-Security-Policy violations; not the expected answers the
    // browser also logs (401 from /session before the login, 404 for /favicon.ico).
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.setViewport({width: 1280, height: 900});
    const first = await page.goto(base + '/status');
    const csp = first.headers()['content-security-policy'] || '';
    if (!csp.includes("script-src 'self'")) throw new Error('no Content-Security-Policy: ' + csp);

    await page.waitForSelector('#login:not([hidden])');
    await page.type('#token', token);
    await Promise.all([page.waitForNavigation(), page.click('#login-button')]);
    const cookies = await page.cookies();
    const session = cookies.find((c) => c.name === 'brobyg_session');
    if (!session || !session.httpOnly || session.sameSite !== 'Strict')
      throw new Error('session cookie must be HttpOnly and SameSite=Strict: ' +
                      JSON.stringify(session));
    console.log('ok: logged in; cookie HttpOnly, SameSite=Strict');

    await page.waitForSelector(`#jobs tr[data-job="${job}"]`);
    await page.waitForSelector(`#runs tr[data-job="${job}"]`);
    const before = await newestRun(page);
    console.log(`ok: the page shows job ${job} and its last run ${before}`);
    const csrf = await page.evaluate(async () => (await (await fetch('/session')).json()).csrf);
    await refusals(session.value, csrf);

    await page.click(`button.run-now[data-job="${job}"]`);
    await page.waitForFunction((n) => {
      const rows = [...document.querySelectorAll('#runs tbody tr')];
      return rows.some((r) => Number(r.dataset.runId) > n && r.cells[4].textContent !== 'running');
    }, {timeout}, before);
    console.log(`ok: "run now" made run ${await newestRun(page)}, shown finished`);
    await page.screenshot({path: screenshot, fullPage: true});
    console.log('screenshot: ' + screenshot);
    if (problems.length) throw new Error('the page logged errors: ' + problems.join('; '));
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error('FAILED: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
