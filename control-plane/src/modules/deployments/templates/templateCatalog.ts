import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../../../lib/paths.js';
import type { N8nWorkflowBody } from '../../../lib/n8n/n8nWorkflow.js';

export const templatesRoot = path.join(repoRoot, 'workflow-templates');

const manifestSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be semver'),
    description: z.string(),
    parameters: z.record(
      z.string().regex(/^\w+$/),
      z.object({ type: z.enum(['string', 'number', 'boolean']), description: z.string() }).strict(),
    ),
  })
  .strict();

export type TemplateManifest = z.infer<typeof manifestSchema>;

export interface WorkflowTemplate {
  manifest: TemplateManifest;
  /** The workflow as stored: valid n8n JSON with `{{ophir.<parameter>}}` placeholders in string values. */
  workflow: N8nWorkflowBody;
}

/**
 * Each template is a folder: `template.json` (name, version, parameters) and `workflow.json` (an n8n
 * workflow ops staff can import, edit in the editor and export back).
 */
export function loadTemplate(name: string, root = templatesRoot): WorkflowTemplate {
  const folder = path.join(root, name);
  if (!existsSync(path.join(folder, 'template.json'))) throw new Error(`No workflow template named "${name}" in ${root}`);
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(folder, 'template.json'), 'utf8')));
  if (manifest.name !== name) throw new Error(`Template folder "${name}" declares the name "${manifest.name}"`);
  const workflow = JSON.parse(readFileSync(path.join(folder, 'workflow.json'), 'utf8')) as N8nWorkflowBody;
  return { manifest, workflow };
}

export function listTemplateNames(root = templatesRoot): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'template.json')))
    .map((entry) => entry.name)
    .sort();
}
