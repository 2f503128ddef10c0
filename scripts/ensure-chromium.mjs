// The first step of `npm test`: makes sure a Chromium is there for the browser tests, so that the
// README's test command works on a fresh machine (Node and Debian's package manager, nothing else).
// Playwright cannot download its own browsers here, so when no browser is found this installs
// Debian's `chromium` with apt-get (through sudo when not root). Prints what it found or did.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';
import { chromiumExecutable, DEBIAN_CHROMIUM } from '../test/browser.mjs';

// CHROME_PATH or Debian's; else Playwright's own, where it was able to download one.
const found = chromiumExecutable() ?? chromium.executablePath();
if (found && existsSync(found)) {
  process.stdout.write(`browser tests: Chromium at ${found}\n`);
  process.exit(0);
}
if (process.env.CHROME_PATH) {
  process.stderr.write(`CHROME_PATH=${process.env.CHROME_PATH} does not exist\n`);
  process.exit(1);
}

const which = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
if (!which('apt-get')) {
  process.stderr.write(
    "No Chromium found: set CHROME_PATH to a Chromium or Chrome binary, or install Debian's " +
      '`chromium` (the tests cannot download a browser).\n',
  );
  process.exit(1);
}
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (!root && !which('sudo')) {
  process.stderr.write(
    'No Chromium found, and installing it needs root: run `apt-get install -y chromium` as root.\n',
  );
  process.exit(1);
}
const apt = (...args) => {
  const [command, argv] = root ? ['apt-get', args] : ['sudo', ['apt-get', ...args]];
  process.stdout.write(`browser tests: ${[command, ...argv].join(' ')}\n`);
  execFileSync(command, argv, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
};
process.stdout.write("browser tests: no Chromium found; installing Debian's chromium\n");
apt('update');
apt('install', '-y', '--no-install-recommends', 'chromium');
if (!existsSync(DEBIAN_CHROMIUM)) {
  process.stderr.write(`apt-get finished but ${DEBIAN_CHROMIUM} is missing\n`);
  process.exit(1);
}
process.stdout.write(`browser tests: Chromium at ${DEBIAN_CHROMIUM}\n`);
