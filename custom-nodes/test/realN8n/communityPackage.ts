import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The package root (custom-nodes/). */
export const PACKAGE_DIR = resolve(__dirname, '../..');

/**
 * The environment for the npm we spawn: without the `npm_*` variables of the `npm test -w custom-nodes`
 * that runs us (they would carry the workspace setting into an unrelated folder). ~/.npmrc still applies.
 */
function npmEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

async function npm(args: string[], cwd: string): Promise<string> {
	const { stdout } = await run('npm', args, { cwd, env: npmEnv(), maxBuffer: 16 * 1024 * 1024 });
	return stdout;
}

export interface PackedPackage {
	tarball: string;
	/** Paths inside the tarball, relative to its `package/` root. */
	files: string[];
}

/** `npm pack` of this package (its built dist/) into destination; what `npm publish` would upload. */
export async function packPackage(destination: string): Promise<PackedPackage> {
	const stdout = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], PACKAGE_DIR);
	const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
	if (packed === undefined) throw new Error(`npm pack printed no result: ${stdout}`);
	return { tarball: join(destination, packed.filename), files: packed.files.map((file) => file.path) };
}

/**
 * The manual community-package install of README "Installing in n8n", command for command, into
 * `<N8N_USER_FOLDER>/.n8n/nodes`: the tarball copied next to the folder's package.json (so its `file:`
 * spec stays valid), then `npm install` without peers (n8n-workflow comes from n8n itself).
 */
export async function installCommunityPackage(nodesFolder: string, tarball: string): Promise<void> {
	mkdirSync(nodesFolder, { recursive: true });
	// The same package.json n8n keeps there itself (CommunityPackagesService.ensurePackageJson).
	writeFileSync(join(nodesFolder, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} })}\n`);
	copyFileSync(tarball, join(nodesFolder, basename(tarball)));
	await npm(['install', '--legacy-peer-deps', '--ignore-scripts', '--package-lock=false', `./${basename(tarball)}`], nodesFolder);
}

/** Every file under dir, relative to root, with forward slashes. */
export function filesUnder(dir: string, root: string = dir): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(path, root) : [relative(root, path).split('\\').join('/')];
	});
}
