import { configs } from '@n8n/eslint-plugin-community-nodes';

import * as typescriptParser from './eslint/typescript-parser.mjs';

// n8n's community-node rules ("without n8n Cloud support" variant; see the reasons below).
const communityNodeRules = configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
	{
		...communityNodeRules,
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
		languageOptions: { parser: typescriptParser },
		rules: {
			...communityNodeRules.rules,
			// Reason: SMTP delivery uses nodemailer and Inbox Watch reads IMAP with imapflow, which this
			// package declares as runtime dependencies (a project decision, see README "Runtime dependency"). Ophir runs its own
			// n8n, so the n8n Cloud restriction behind this rule does not apply.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
