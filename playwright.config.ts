import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4174);

export default defineConfig({
	testDir: 'tests/e2e',
	// One sandbox serves every spec and specs reset it: run them one at a time.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PW_REPORTER ? (JSON.parse(process.env.PW_REPORTER) as never) : 'list',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 360, height: 740 },
		locale: 'en-US',
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `VITE_TEST_HOOKS=1 npx vite build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		// The test controls exist only when the server is started with SANDBOX_CONTROLS=1.
		env: { SANDBOX_CONTROLS: '1' },
		// Ready check: any answer from the API (401 counts); the controls would need a JSON header.
		url: `http://127.0.0.1:${PORT}/api/v1/me`,
		reuseExistingServer: !process.env.CI,
		timeout: 300_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
