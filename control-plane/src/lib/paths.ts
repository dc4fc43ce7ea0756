import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The control-plane package folder. The platform runs from src/ under tsx (also in the image); `npm run build` only proves it compiles. */
export const controlPlaneRoot = path.resolve(here, '..', '..');
export const repoRoot = path.resolve(controlPlaneRoot, '..');
/** Git-ignored local state: embedded Postgres, the n8n user folder, development secrets. */
export const dataRoot = path.join(repoRoot, '.data');
