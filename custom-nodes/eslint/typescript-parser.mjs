// Minimal ESLint parser for TypeScript (and package.json, which TypeScript parses as a JSON
// source file: one ExpressionStatement holding an ObjectExpression, the shape the
// community-node package.json rules expect).
//
// Why a shim: @typescript-eslint/parser is not installed in this workspace (see NEEDS.md), but
// its two building blocks are: typescript-estree (a dependency of the n8n lint plugin) and
// scope-manager. This is what @typescript-eslint/parser does for non-type-aware linting.
import { analyze } from '@typescript-eslint/scope-manager';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { createRequire } from 'node:module';

const requireFromPlugin = createRequire(createRequire(import.meta.url).resolve('@n8n/eslint-plugin-community-nodes'));
const { parse } = requireFromPlugin('@typescript-eslint/typescript-estree');

export function parseForESLint(code, options = {}) {
	const ast = parse(code, {
		filePath: options.filePath,
		loc: true,
		range: true,
		tokens: true,
		comment: true,
		jsx: false,
	});
	const scopeManager = analyze(ast, { sourceType: 'module', lib: ['es2023'] });
	return { ast, scopeManager, visitorKeys };
}

export const meta = { name: 'ophir-typescript-parser', version: '1.0.0' };
