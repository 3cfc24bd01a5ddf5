// Drives crosscheck's HTML reports in Debian's chromium through
// playwright-core: node check.js ARTIFACTS PROFILE. ARTIFACTS holds
// seeds.html, hostile.html and, when the corpus is there, gva.html; the
// screenshots are written beside them. Prints one line per check and a
// closing count; exits 1 when any check fails.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [artifacts, profile] = process.argv.slice(2);
let passed = 0;
let failed = 0;

async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log('ok   ' + name);
  } catch (error) {
    failed += 1;
    console.log('FAIL ' + name + '\n     ' + String(error && error.stack ? error.stack : error).split('\n').join('\n     '));
  }
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

// Everything a page does that it should not: requests, errors, dialogs.
function watch(page) {
  const seen = { requests: [], errors: [], dialogs: [] };
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) {
      seen.requests.push(request.url());
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') {
      seen.errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss();
  });
  return seen;
}

const url = (name) => 'file://' + path.join(artifacts, name);
const position = (page) => page.textContent('#position');
const panelText = (page) => page.textContent('#panel');

async function inViewport(page, selector) {
  return page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
  });
}

async function seeds(context) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const seen = watch(page);
  await page.goto(url('seeds.html'));
  // The findings in page order, which the position counts in: the rule
  // file's finding comes last, after the articles.
  const cards = await page.$$eval('main li.card', (items) => items.map((item) => ({ id: item.id.slice(1), code: item.querySelector('code').textContent })));

  await check('seeds: the script runs under the page policy and shows the toolbar', async () => {
    expect(await page.isVisible('#toolbar'), 'toolbar hidden: the script did not run');
    expect((await position(page)) === '8 findings', 'position: ' + (await position(page)));
  });

  await check('seeds: clicking a highlight shows its finding, naming the other outlets', async () => {
    await page.click('mark.f:has-text("almost exclusive")');
    expect(await page.isVisible('#panel'), 'no panel');
    const text = await panelText(page);
    expect(text.includes('previously-exclusive/contradiction'), 'panel: ' + text);
    expect(text.includes('denies this claim, which 3 outlets state'), 'no message');
    const outlets = await page.$$eval('#panel a.outlet', (links) => links.map((link) => link.textContent));
    expect(outlets.includes('Westlaw'), 'outlets named: ' + outlets);
    expect(await inViewport(page, 'mark.current'), 'the highlight is not in sight');
    await page.screenshot({ path: path.join(artifacts, 'seeds-finding.png') });
  });

  await check('seeds: a link to another outlet opens its collapsed article and lights the span', async () => {
    // Four articles start open: collapse them all; the panel stays.
    expect((await page.textContent('#expand')) === 'Collapse all', 'button: ' + (await page.textContent('#expand')));
    await page.click('#expand');
    expect((await page.$$('main details[open]')).length === 0, 'still open');
    const link = await page.$('#panel a[data-to]:has-text("from exclusivity")');
    expect(link, 'no link to the Westlaw span');
    const target = (await link.getAttribute('href')).slice(1);
    await link.click();
    const open = await page.$eval('#' + target, (mark) => mark.closest('details').open);
    expect(open, 'the article stayed collapsed');
    expect(await inViewport(page, '#' + target), 'the span is not in sight');
    expect(await page.$eval('#' + target, (mark) => mark.classList.contains('flash')), 'the span is not lit');
    expect(page.url().endsWith('#' + target), 'address: ' + page.url());
  });

  await check('seeds: j and k move between findings with the keyboard', async () => {
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#panel'), 'Escape left the panel open');
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    // The clicked highlight was finding 2; j goes on from there.
    await page.keyboard.press('j');
    const first = await position(page);
    await page.keyboard.press('j');
    const second = await position(page);
    expect(first === 'finding 3 of 8' && second === 'finding 4 of 8', first + ' then ' + second);
    const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, ids: document.activeElement.dataset.d }));
    expect(focused.tag === 'MARK' && focused.ids.split(' ').includes(cards[3].id), 'focus: ' + JSON.stringify(focused));
    expect((await panelText(page)).includes(cards[3].code), 'panel does not show ' + cards[3].code);
    expect(await inViewport(page, 'mark:focus'), 'the focused highlight is not in sight');
    await page.keyboard.press('k');
    expect((await position(page)) === 'finding 3 of 8', 'k: ' + (await position(page)));
    expect((await panelText(page)).includes(cards[2].code), 'panel does not show ' + cards[2].code);
    for (let step = 0; step < 6; step += 1) {
      await page.keyboard.press('n');
    }
    expect((await position(page)) === 'finding 1 of 8', 'wraps around: ' + (await position(page)));
    await page.keyboard.press('p');
    expect((await position(page)) === 'finding 8 of 8', 'p: ' + (await position(page)));
    // The rule file's finding has no highlight: its card takes the focus.
    expect(await page.evaluate(() => document.activeElement.classList.contains('card')), 'the last finding is not focused');
    await page.screenshot({ path: path.join(artifacts, 'seeds-keyboard.png') });
  });

  await check('seeds: Tab reaches a highlight and shows its finding', async () => {
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      document.getElementById('a0').open = true;
    });
    await page.focus('#a0-1886');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.isVisible('#panel'), 'no panel after Tab');
    expect((await panelText(page)).includes('largest-investor/uncorroborated'), 'panel: ' + (await panelText(page)));
  });

  await check('seeds: filters by rule and severity', async () => {
    await page.click('.filters > summary');
    await page.selectOption('#rule', 'single-vendor-dependency');
    const shown = () => page.$$eval('main li.card:not([hidden])', (items) => items.map((item) => item.dataset.rule));
    let rules = await shown();
    expect(rules.length === 2 && rules.every((rule) => rule === 'single-vendor-dependency'), 'shown: ' + rules);
    expect((await position(page)) === '2 findings', 'position: ' + (await position(page)));
    // Lit highlights are those of the findings shown, and only those.
    const lit = await page.$$eval('mark.f:not(.off)', (marks) =>
      marks.map((mark) => mark.dataset.d.split(' ').some((id) => !document.getElementById('d' + id).hidden))
    );
    expect(lit.length >= 2 && lit.every(Boolean), 'lit: ' + lit);
    expect(await page.$eval('mark.f:has-text("almost exclusive")', (mark) => mark.classList.contains('off')), 'another rule still lit');
    const articles = await page.$$eval('details.article:not([hidden])', (items) => items.length);
    expect(articles === 1, articles + ' articles shown');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    expect((await panelText(page)).includes('single-vendor-dependency/overstated'), 'j under a filter');
    await page.selectOption('#rule', '');
    await page.uncheck('input[name="severity"][value="warning"]');
    rules = await page.$$eval('main li.card:not([hidden])', (items) => items.map((item) => item.dataset.sev));
    expect(rules.length === 2 && rules.every((severity) => severity === 'note'), 'notes only: ' + rules);
    await page.check('input[name="severity"][value="warning"]');
    expect((await position(page)) === '8 findings', 'all back: ' + (await position(page)));
  });

  await check('seeds: print opens every section and hides the controls', async () => {
    await page.evaluate(() => {
      window.closedAtPrint = null;
      window.addEventListener('beforeprint', () => {
        window.closedAtPrint = document.querySelectorAll('main details:not([open])').length;
      });
    });
    const closedBefore = await page.$$eval('main details:not([open])', (items) => items.length);
    expect(closedBefore > 0, 'nothing collapsed to begin with');
    const pdf = await page.pdf({ path: path.join(artifacts, 'seeds.pdf') });
    expect((await page.evaluate(() => window.closedAtPrint)) === 0, 'sections closed while printing');
    expect((await page.$$eval('main details:not([open])', (items) => items.length)) === closedBefore, 'not restored after print');
    expect(pdf.length > 10000, 'pdf of ' + pdf.length + ' bytes');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isHidden('#toolbar'), 'toolbar printed');
    await page.emulateMedia({ media: 'screen' });
  });

  await check('seeds: no request left the page and nothing failed', async () => {
    expect(seen.requests.length === 0, 'requests: ' + seen.requests);
    expect(seen.errors.length === 0, 'errors: ' + seen.errors);
    expect(seen.dialogs.length === 0, 'dialogs: ' + seen.dialogs);
  });
  await page.close();
}

async function phone(context) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const seen = watch(page);
  await page.goto(url('seeds.html'));
  await check('phone: the page fits the width and the panel leaves the highlight in sight', async () => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width <= 390, 'page is ' + width + ' px wide');
    await page.click('mark.f:has-text("almost exclusive")');
    const panel = await page.$eval('#panel', (element) => element.getBoundingClientRect().toJSON());
    const mark = await page.$eval('mark.current', (element) => element.getBoundingClientRect().toJSON());
    expect(panel.left >= 0 && panel.right <= 390, 'panel: ' + JSON.stringify(panel));
    expect(mark.bottom <= panel.top && mark.top >= 0, 'highlight under the panel: ' + JSON.stringify(mark));
    await page.screenshot({ path: path.join(artifacts, 'seeds-phone.png') });
    expect(seen.requests.length === 0 && seen.errors.length === 0, JSON.stringify(seen));
  });
  await page.close();
}

async function hostile(context) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(url('hostile.html'));
  await check('hostile: no script of an article or rule runs, whatever is clicked', async () => {
    await page.$$eval('mark', (marks) => marks.forEach((mark) => mark.click()));
    for (const key of ['j', 'j', 'j']) {
      await page.keyboard.press(key);
    }
    expect((await page.evaluate(() => window.pwned)) === undefined, 'ran: ' + (await page.evaluate(() => window.pwned)));
    expect(seen.dialogs.length === 0, 'dialogs: ' + seen.dialogs);
    expect((await page.evaluate(() => document.scripts.length)) === 1, 'scripts on the page');
    expect((await page.$$('main img')).length === 0, 'an image element');
    expect((await page.$$('a[href^="javascript:" i]')).length === 0, 'a javascript: link');
    const text = await page.textContent('#a0 .text');
    expect(text.includes("<script>window.pwned = 'article'; alert('article')</script>"), 'article text: ' + text);
    expect((await panelText(page)).includes("<script>window.pwned = 'message'</script> gives 4"), 'message shown as text');
    expect(seen.requests.length === 0 && seen.errors.length === 0, JSON.stringify(seen));
  });
  await check('hostile: the page policy blocks a script slipped in later', async () => {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = "window.pwned = 'injected'";
      document.body.append(script);
    });
    expect((await page.evaluate(() => window.pwned)) === undefined, 'an injected script ran');
  });
  await page.close();
}

async function gva(context) {
  if (!fs.existsSync(path.join(artifacts, 'gva.html'))) {
    return;
  }
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const seen = watch(page);
  await check('gva: the report of 6,224 articles loads and moves to a finding quickly', async () => {
    const started = Date.now();
    await page.goto(url('gva.html'), { timeout: 120000 });
    const loaded = Date.now() - started;
    const total = Number((await position(page)).split(' ')[0]);
    const articles = await page.$$eval('details.article', (items) => items.length);
    const open = await page.$$eval('details.article[open]', (items) => items.length);
    const stepped = Date.now();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const moved = Date.now() - stepped;
    const filtered = Date.now();
    await page.click('.filters > summary');
    await page.selectOption('#rule', 'killed-count');
    const filtering = Date.now() - filtered;
    console.log(
      `     gva: ${fs.statSync(path.join(artifacts, 'gva.html')).size} bytes, ${articles} article sections (${open} open), ` +
        `${total} findings; loaded in ${loaded} ms, two steps in ${moved} ms, rule filter in ${filtering} ms`
    );
    expect(total > 1000 && articles > 1000 && open === 0, 'the GVA report looks wrong');
    expect((await position(page)).endsWith('findings'), 'filter: ' + (await position(page)));
    expect(loaded < 30000 && moved < 5000 && filtering < 5000, 'too slow to use');
    await page.keyboard.press('j');
    expect((await panelText(page)).includes('killed-count/conflict'), 'panel after the filter');
    await page.screenshot({ path: path.join(artifacts, 'gva.png') });
    expect(seen.requests.length === 0 && seen.errors.length === 0, JSON.stringify(seen));
  });
  await page.close();
}

(async () => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await seeds(context);
    await phone(context);
    await hostile(context);
    await gva(context);
  } finally {
    await context.close();
  }
  for (const name of fs.readdirSync(artifacts).filter((name) => name.endsWith('.png')).sort()) {
    console.log('screenshot: ' + path.join(artifacts, name));
  }
  console.log(`html-browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})().catch((error) => {
  console.log('html-browser: could not run: ' + (error.stack || error));
  process.exit(1);
});
