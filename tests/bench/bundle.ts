/**
 * First-load JavaScript of each route, gzip'd, from the build's own Vite manifest: Kit's
 * entry points, the root layout and the route's page, with their static imports. Chunks
 * imported lazily (dynamic import) are not counted: they are not loaded first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = '.svelte-kit/output/client';
const GEN = '.svelte-kit/generated/client-optimized';

interface ManifestChunk {
	file: string;
	imports?: string[];
	isEntry?: boolean;
}

export function hasBuild(): boolean {
	return existsSync(join(OUT, '.vite/manifest.json')) && existsSync(join(GEN, 'app.js'));
}

export function routeBundles(): Record<string, { files: number; gzipBytes: number; kb: number }> {
	const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(join(OUT, '.vite/manifest.json'), 'utf8'));
	const app = readFileSync(join(GEN, 'app.js'), 'utf8');
	const match = /export const dictionary = (\{[\s\S]*?\});/.exec(app);
	if (!match) throw new Error('Kit route dictionary not found in the build');
	// Kit writes { "/route": [leafNode, ...layouts] } (negative = layout without a load).
	const dictionary = Function(`return (${match[1]})`)() as Record<string, number[]>;
	const sizes = new Map<string, number>();
	const gz = (file: string) => {
		if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(OUT, file))).length);
		return sizes.get(file)!;
	};
	const nodeKey = (n: number) => Object.keys(manifest).find((k) => k.endsWith(`client-optimized/nodes/${n}.js`));
	const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry && /entry\/(start|app)/.test(manifest[k].file));

	const routes: Record<string, { files: number; gzipBytes: number; kb: number }> = {};
	for (const [route, spec] of Object.entries(dictionary)) {
		const files = new Set<string>();
		const seen = new Set<string>();
		const walk = (key: string | undefined) => {
			if (!key || seen.has(key) || !manifest[key]) return;
			seen.add(key);
			files.add(manifest[key].file);
			for (const i of manifest[key].imports ?? []) walk(i);
		};
		[...entries, nodeKey(0), nodeKey(Math.abs(spec[0]))].forEach(walk);
		const js = [...files].filter((f) => f.endsWith('.js'));
		const bytes = js.reduce((s, f) => s + gz(f), 0);
		routes[route] = { files: js.length, gzipBytes: bytes, kb: +(bytes / 1024).toFixed(1) };
	}
	return routes;
}
