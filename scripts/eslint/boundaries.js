// The house's import boundaries, as an ESLint rule (docs: README, "Add a service"):
//   - a service's code (functions/<a>/) imports no other service's code (functions/<b>/): services share only
//     the event catalog (@commerce/events) and the internal contracts (@commerce/contracts);
//   - nothing in functions/ imports the CDK app (infra/);
//   - domain code (functions/<service>/domain/) imports no AWS SDK and none of the kit's AWS parts, so the
//     rules of a service run, and are tested, without AWS.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Kit modules that load the AWS SDK, middy or Powertools, directly or through another module. */
const KIT_AWS_PARTS = new Set([
  'batch-get',
  'clients',
  'conditions',
  'consumer',
  'cursor-secret',
  'http',
  'internal',
  'internal-client',
  'observability',
  'outbox',
  'outbox-relay',
  'publisher',
]);

/** `{ area, service, domain }` of a repository path, or undefined outside functions/ and infra/. */
function placeOf(file) {
  const [top, service, sub] = path.relative(ROOT, file).split(path.sep);
  if (top === 'infra') return { area: 'infra' };
  if (top !== 'functions' || service === undefined || sub === undefined) return undefined;
  return { area: 'functions', service, domain: sub === 'domain' };
}

/**
 * Why importing `source` from `file` crosses a boundary, or undefined. A type-only import (`typeOnly`) of
 * the kit loads nothing, so domain code may name the kit's types (an outbox item in a store port).
 */
export function boundaryViolation(file, source, typeOnly = false) {
  const from = placeOf(file);
  if (from?.area !== 'functions') return undefined;
  if (from.domain) {
    if (source.startsWith('@aws-sdk/')) return `domain code may not import the AWS SDK (${source})`;
    const kit = /^@commerce\/lambda-kit\/(.+)$/.exec(source)?.[1];
    if (kit !== undefined && KIT_AWS_PARTS.has(kit) && !typeOnly) {
      return `domain code may not import the kit's AWS parts (${source})`;
    }
  }
  if (!source.startsWith('.')) return undefined;
  const to = placeOf(path.resolve(path.dirname(file), source));
  if (to?.area === 'infra') return `functions/ may not import infra/ (${source})`;
  if (to?.area === 'functions' && to.service !== from.service) {
    return `functions/${from.service} may not import functions/${to.service} (${source}); share events or contracts`;
  }
  return undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Service, infrastructure and domain import boundaries' },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      if (typeof node.source?.value !== 'string') return;
      const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
      const reason = boundaryViolation(context.filename, node.source.value, typeOnly);
      if (reason) context.report({ node: node.source, message: reason });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { boundaries: rule } };
