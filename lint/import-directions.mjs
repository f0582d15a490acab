// The ESLint rule behind design.md's import directions (eslint.config.mjs holds the directions).
// It resolves every relative import against the importing file, so `../http/x` from src/s3/errors
// and `../../s3/http/x` from src/telemetry are both seen as src/s3/http: patterns on the import
// string (no-restricted-imports) cannot tell those apart from folder to folder.
import path from 'node:path';

/**
 * A glob over project paths without their extension: `dir/**` is the folder and all below it,
 * `*` any part of one path segment.
 */
function globToRegExp(glob) {
  const escape = (part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  const source = glob.replace(/\.[cm]?[jt]s$/, '').split('/**').map(escape).join('(?:/.*)?');
  return new RegExp(`^${source}$`);
}

const matcher = (globs) => {
  const patterns = globs.map(globToRegExp);
  return (modulePath) => patterns.some((pattern) => pattern.test(modulePath));
};

/** `src/s3/http/x.ts` → `src/s3/http/x`: how imports name a module. */
function projectPath(root, absolute) {
  return path.relative(root, absolute).split(path.sep).join('/').replace(/\.[cm]?[jt]s$/, '');
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports flow the way design.md draws them: a layer never imports the layers above it.' },
    messages: { forbidden: '{{from}} may not import {{target}}: {{because}}' },
    schema: [
      {
        type: 'object',
        required: ['root', 'directions'],
        additionalProperties: false,
        properties: {
          root: { type: 'string' },
          directions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['files', 'mayNotImport', 'because'],
              additionalProperties: false,
              properties: {
                files: { type: 'array', items: { type: 'string' } },
                except: { type: 'array', items: { type: 'string' } },
                mayNotImport: { type: 'array', items: { type: 'string' } },
                because: { type: 'string' },
              },
            },
          },
        },
      },
    ],
  },
  create(context) {
    const { root, directions } = context.options[0];
    const from = projectPath(root, context.filename);
    const applying = directions
      .filter((direction) => matcher(direction.files)(from) && !matcher(direction.except ?? [])(from))
      .map((direction) => ({ forbidden: matcher(direction.mayNotImport), because: direction.because }));
    if (applying.length === 0) return {};

    function check(node, specifier) {
      // Packages are not layers; only the project's own modules are imported by relative path.
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = projectPath(root, path.resolve(path.dirname(context.filename), specifier));
      const broken = applying.find((direction) => direction.forbidden(target));
      if (broken) context.report({ node, messageId: 'forbidden', data: { from, target, because: broken.because } });
    }
    const checkSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression: (node) => check(node.source, node.source.value),
      // `import('../x').Type` in a type position.
      TSImportType: (node) => check(node.argument, node.argument.literal?.value ?? node.argument.value),
      // `import x = require('../x')`
      TSExternalModuleReference: (node) => check(node.expression, node.expression.value),
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal') check(first, first.value);
      },
    };
  },
};

export default { meta: { name: 'tracegw-lint' }, rules: { 'import-directions': rule } };
