/** `npm run generate:api -w @ophir/control-plane`: rewrites the web app's API types from the current routes. */
import { writeFile } from 'node:fs/promises';
import { apiTypesPath, buildStandaloneOpenApiDocument, renderApiTypes } from '../lib/http/apiTypes.js';

await writeFile(apiTypesPath, await renderApiTypes(await buildStandaloneOpenApiDocument()));
console.log(`wrote ${apiTypesPath}`);
