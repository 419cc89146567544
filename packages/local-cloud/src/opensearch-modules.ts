// The OpenSearch modules the integ-test distribution lacks: installed from their Maven jars, checked once running.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { OPENSEARCH_MODULES, OPENSEARCH_VERSION, type OpenSearchModule } from './config.ts';
import { httpGet, LocalCloudError, type Log } from './proc.ts';

/** Fetches a Maven artifact (`group:artifact:version:type`) into the download cache; returns the file's path. */
export type FetchArtifact = (coordinates: string, fileName: string) => Promise<string>;

export function moduleCoordinates(module: OpenSearchModule): string {
  return `${module.artifact}:${OPENSEARCH_VERSION}:jar`;
}

/** The file name `mvn dependency:copy` gives the module's jar. */
export function moduleJarName(module: OpenSearchModule): string {
  const artifactId = module.artifact.split(':')[1];
  if (!artifactId) throw new LocalCloudError(`"${module.artifact}" is not a Maven groupId:artifactId`);
  return `${artifactId}-${OPENSEARCH_VERSION}.jar`;
}

/**
 * The module's `plugin-descriptor.properties`, which the Maven jar does not carry; the fields are those of the
 * distribution's own modules/transport-netty4. `extended.plugins` stays empty although upstream
 * analysis-common extends lang-painless: we ship no painless, and only painless reads what that would link.
 */
export function moduleDescriptor(module: OpenSearchModule): string {
  return [
    '# Written by packages/local-cloud (opensearch-modules.ts): the Maven jar has no descriptor.',
    `description=${module.name} module, added to the integ-test distribution`,
    `version=${OPENSEARCH_VERSION}`,
    `name=${module.name}`,
    `classname=${module.classname}`,
    // What the jar is built for (its Gradle metadata says JVM 11), as in the distribution's own modules.
    'java.version=11',
    `opensearch.version=${OPENSEARCH_VERSION}`,
    'custom.foldername=',
    'extended.plugins=',
    'has.native.controller=false',
    '',
  ].join('\n');
}

/**
 * Puts each module's jar and descriptor into `<home>/modules/<name>/`; a module whose descriptor and jar are
 * already there is skipped. The descriptor is written last, so an interrupted install is redone.
 * Returns the directories it wrote.
 */
export async function installOpenSearchModules(
  home: string,
  fetchArtifact: FetchArtifact,
  log: Log,
  modules: readonly OpenSearchModule[] = OPENSEARCH_MODULES,
): Promise<string[]> {
  const written: string[] = [];
  for (const module of modules) {
    const dir = path.join(home, 'modules', module.name);
    const descriptorFile = path.join(dir, 'plugin-descriptor.properties');
    const descriptor = moduleDescriptor(module);
    const jarName = moduleJarName(module);
    if (readText(descriptorFile) === descriptor && fs.existsSync(path.join(dir, jarName))) continue;
    log(`opensearch: adding the ${module.name} module (${moduleCoordinates(module)})`);
    const jar = await fetchArtifact(moduleCoordinates(module), jarName);
    // Start from an empty directory: OpenSearch loads every jar in it.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    fs.copyFileSync(jar, path.join(dir, jarName));
    fs.chmodSync(path.join(dir, jarName), 0o644);
    fs.writeFileSync(descriptorFile, descriptor, { mode: 0o644 });
    written.push(dir);
  }
  return written;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The part of `GET /_nodes/plugins` we read: the modules each node loaded. */
const nodesPlugins = z.object({
  nodes: z.record(z.string(), z.object({ modules: z.array(z.object({ name: z.string() })) })),
});

/**
 * Names in `wanted` that some node of a `GET /_nodes/plugins` answer did not load (all of them when the
 * answer is not one). `_cat/plugins` would not do: it lists plugins, not modules.
 */
export function missingModules(nodesPluginsBody: string, wanted: readonly string[]): string[] {
  let json: unknown;
  try {
    json = JSON.parse(nodesPluginsBody);
  } catch {
    return [...wanted];
  }
  const parsed = nodesPlugins.safeParse(json);
  if (!parsed.success) return [...wanted];
  const nodes = Object.values(parsed.data.nodes);
  if (nodes.length === 0) return [...wanted];
  return wanted.filter((name) => nodes.some((node) => !node.modules.some((m) => m.name === name)));
}

/** Throws a LocalCloudError unless the running OpenSearch at `url` loaded every module in OPENSEARCH_MODULES. */
export async function verifyOpenSearchModules(
  url: string,
  modules: readonly OpenSearchModule[] = OPENSEARCH_MODULES,
): Promise<void> {
  const response = await httpGet(`${url}/_nodes/plugins`, 10_000);
  const wanted = modules.map((m) => m.name);
  const missing = response?.status === 200 ? missingModules(response.body, wanted) : wanted;
  if (missing.length === 0) return;
  const answer = response ? `HTTP ${response.status}` : 'no answer';
  throw new LocalCloudError(
    `OpenSearch at ${url} did not load the module(s) ${missing.join(', ')} (GET /_nodes/plugins: ${answer}), ` +
      'so index settings that use them would be refused with HTTP 400. Look for "loaded module" lines and ' +
      'plugin errors in .local/logs/opensearch.log, then run `npm stop` and start again.',
  );
}
