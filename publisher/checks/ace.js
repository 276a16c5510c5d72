'use strict';
// Ace by DAISY over several EPUBs in one Node process and one browser:
//   node ace.js EPUB...   (NODE_PATH: the node_modules holding @daisy/ace-core)
// One line of JSON per EPUB on stdout, in order: {"epub", "report"} or {"epub", "error"}.
// The `ace` command starts Node and Chromium for every EPUB and writes an HTML report
// nobody reads; both cost more than the checks themselves.
const ace = require('@daisy/ace-core');
const runner = require('@daisy/ace-axe-runner-puppeteer');
const logger = require('@daisy/ace-logger');

let launched = false;
const oneBrowser = Object.assign(Object.create(runner), {
  launch: async () => {
    if (!launched) {
      await runner.launch();
      launched = true;
    }
  },
  close: async () => {},  // kept for the next EPUB; closed at the end
});

(async () => {
  logger.initLogger({ verbose: false, silent: true });
  const write = process.stdout.write.bind(process.stdout);
  for (const epub of process.argv.slice(2)) {
    process.stdout.write = () => true;  // without an outdir, Ace prints its report itself
    let line;
    try {
      const [, report] = await ace(epub, { cwd: process.cwd(), silent: true, initLogger: false }, oneBrowser);
      line = { epub, report };
    } catch (err) {
      line = { epub, error: String((err && err.message) || err || 'Ace stopped') };
    }
    process.stdout.write = write;
    write(JSON.stringify(line) + '\n');
  }
  if (launched) await runner.close();
})();
