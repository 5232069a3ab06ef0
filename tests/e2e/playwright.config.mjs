// Playwright runs the journeys against the release build (dist/) in Debian's Chromium.
// The browser is never downloaded: /usr/bin/chromium comes from apt (scripts/bootstrap.sh).
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4510);

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './specs',
  outputDir: '../../target/e2e-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['json', { outputFile: '../../target/test-logs/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'off',
  },
  webServer: {
    command: `node ../../scripts/serve.mjs --dist ../../dist --fixtures ../fixtures/config --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
