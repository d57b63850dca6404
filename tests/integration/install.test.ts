import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Every installed package (name, version, folder), nested node_modules included. */
function installedPackages(dir = path.join(root, 'node_modules')): { name: string; version: string; dir: string }[] {
	const found: { name: string; version: string; dir: string }[] = [];
	if (!existsSync(dir)) return found;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
		const folders = entry.name.startsWith('@')
			? readdirSync(path.join(dir, entry.name), { withFileTypes: true })
					.filter((inner) => inner.isDirectory())
					.map((inner) => path.join(dir, entry.name, inner.name))
			: [path.join(dir, entry.name)];
		for (const folder of folders) {
			const manifest = path.join(folder, 'package.json');
			if (existsSync(manifest)) {
				const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string };
				found.push({ name, version, dir: folder });
			}
			found.push(...installedPackages(path.join(folder, 'node_modules')));
		}
	}
	return found;
}

// Two copies of Yjs against one document break the CRDT silently ("Yjs was already imported"):
// the browser, the server and the benchmark's reference server must share exactly one.
describe('the installed Yjs', () => {
	const packages = installedPackages();

	it('is exactly one copy of yjs 13', () => {
		const copies = packages.filter((pkg) => pkg.name === 'yjs');
		expect(copies.map((pkg) => path.relative(root, pkg.dir))).toEqual(['node_modules/yjs']);
		expect(copies[0]?.version).toMatch(/^13\./);
	});

	it('has no Yjs 14 packages (@y/y, @y/protocols) next to it', () => {
		const yjs14 = packages.filter((pkg) => pkg.name === '@y/y' || pkg.name === '@y/protocols');
		expect(yjs14.map((pkg) => `${pkg.name}@${pkg.version}`)).toEqual([]);
	});
});
