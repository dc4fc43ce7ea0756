// Copies what tsc does not emit (node icons and .node.json codex files) into dist/,
// keeping each file's path relative to the package root so `file:` icon references resolve.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDirs = ['nodes', 'credentials'];
const assetExtensions = ['.svg', '.png', '.node.json'];

function* walk(dir) {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* walk(path);
		else yield path;
	}
}

let copied = 0;
for (const sourceDir of sourceDirs) {
	for (const file of walk(join(packageRoot, sourceDir))) {
		if (!assetExtensions.some((extension) => file.endsWith(extension))) continue;
		const target = join(packageRoot, 'dist', relative(packageRoot, file));
		mkdirSync(dirname(target), { recursive: true });
		cpSync(file, target);
		copied += 1;
	}
}
console.log(`copy-assets: ${copied} files copied to dist/`);
