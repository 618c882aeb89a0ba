// First-load JavaScript of each route, gzip'd, from the build's own Vite manifest: the
// transitive static imports of Kit's entry points, the root layout and the route's page.
// Lazily imported chunks (dynamic import) are not counted: they are not loaded first.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = '.svelte-kit/output/client';
const GEN = '.svelte-kit/generated/client-optimized';

export function routeBundles() {
	const manifest = JSON.parse(readFileSync(join(OUT, '.vite/manifest.json'), 'utf8'));
	const app = readFileSync(join(GEN, 'app.js'), 'utf8');
	const dict = Function(`return (${/export const dictionary = (\{[\s\S]*?\});/.exec(app)[1]})`)();
	const size = new Map();
	const gz = (file) => {
		if (!size.has(file)) size.set(file, gzipSync(readFileSync(join(OUT, file))).length);
		return size.get(file);
	};
	const closure = (keys) => {
		const seen = new Set();
		const files = new Set();
		const walk = (key) => {
			if (seen.has(key) || !manifest[key]) return;
			seen.add(key);
			files.add(manifest[key].file);
			for (const i of manifest[key].imports ?? []) walk(i);
		};
		keys.forEach(walk);
		return files;
	};
	const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry && /entry\/(start|app)/.test(manifest[k].file));
	const nodeKey = (n) => Object.keys(manifest).find((k) => k.endsWith(`client-optimized/nodes/${n}.js`));
	const routes = {};
	for (const [route, spec] of Object.entries(dict)) {
		const nodes = [0, spec[spec.length - 1] ?? spec[0]].map((n) => Math.abs(Array.isArray(n) ? n[0] : n));
		const leaf = Array.isArray(spec) ? spec[0] : spec;
		const keys = [...entries, nodeKey(0), nodeKey(Math.abs(leaf))].filter(Boolean);
		void nodes;
		const files = closure(keys);
		const bytes = [...files].filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
		routes[route] = { files: files.size, gzipBytes: bytes, kb: +(bytes / 1024).toFixed(1) };
	}
	return routes;
}

export function hasBuild() {
	return existsSync(join(OUT, '.vite/manifest.json')) && existsSync(join(GEN, 'app.js'));
}
