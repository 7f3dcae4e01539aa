// Fails when src/api/generated/schema.d.ts is not what `npm run gen:api` makes from the
// committed OpenAPI schema: the types the SPA compiles against must match the backend.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const schema = join(root, '..', 'openapi', 'schema.yaml');
const committed = join(root, 'src', 'api', 'generated', 'schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'api-types-'));
try {
  const fresh = join(dir, 'schema.d.ts');
  execFileSync(join(root, 'node_modules', '.bin', 'openapi-typescript'), [schema, '-o', fresh], {
    stdio: 'pipe',
  });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(
      'src/api/generated/schema.d.ts is stale: run `npm run gen:api` and commit the result.',
    );
    process.exit(1);
  }
  console.log('API types match openapi/schema.yaml');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
