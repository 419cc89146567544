import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPENSEARCH_MODULES, OPENSEARCH_VERSION } from '../../../packages/local-cloud/src/config.ts';
import {
  installOpenSearchModules,
  missingModules,
  moduleCoordinates,
  moduleDescriptor,
  moduleJarName,
} from '../../../packages/local-cloud/src/opensearch-modules.ts';

const analysisCommon = {
  name: 'analysis-common',
  artifact: 'org.opensearch.plugin:analysis-common',
  classname: 'org.opensearch.analysis.common.CommonAnalysisPlugin',
};

function properties(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line): [string, string] => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)];
    });
  return new Map(entries);
}

describe('OPENSEARCH_MODULES', () => {
  it('adds analysis-common', () => {
    expect(OPENSEARCH_MODULES).toContainEqual(analysisCommon);
  });
});

describe('moduleDescriptor', () => {
  it('has exactly the fields of the distribution’s own module descriptors', () => {
    const fields = properties(moduleDescriptor(analysisCommon));

    expect(Object.fromEntries(fields)).toEqual({
      description: 'analysis-common module, added to the integ-test distribution',
      version: OPENSEARCH_VERSION,
      name: 'analysis-common',
      classname: 'org.opensearch.analysis.common.CommonAnalysisPlugin',
      'java.version': '11',
      'opensearch.version': OPENSEARCH_VERSION,
      'custom.foldername': '',
      'extended.plugins': '',
      'has.native.controller': 'false',
    });
  });
});

describe('moduleCoordinates and moduleJarName', () => {
  it('pin the module to the OpenSearch version and name the jar as mvn dependency:copy does', () => {
    expect(moduleCoordinates(analysisCommon)).toBe(
      `org.opensearch.plugin:analysis-common:${OPENSEARCH_VERSION}:jar`,
    );
    expect(moduleJarName(analysisCommon)).toBe(`analysis-common-${OPENSEARCH_VERSION}.jar`);
  });

  it('refuse an artifact without an artifactId', () => {
    expect(() => moduleJarName({ ...analysisCommon, artifact: 'analysis-common' })).toThrow(
      /groupId:artifactId/,
    );
  });
});

describe('missingModules', () => {
  const answer = (modules: string[]): string =>
    JSON.stringify({
      _nodes: { total: 1, successful: 1, failed: 0 },
      cluster_name: 'commerce-local',
      nodes: {
        abc: {
          name: 'commerce-local',
          plugins: [],
          modules: modules.map((name) => ({ name, version: OPENSEARCH_VERSION, classname: 'x.Y' })),
        },
      },
    });

  it('is empty when every node loaded the modules', () => {
    expect(missingModules(answer(['analysis-common', 'transport-netty4']), ['analysis-common'])).toEqual([]);
  });

  it('names the modules a node did not load', () => {
    expect(missingModules(answer(['transport-netty4']), ['analysis-common', 'transport-netty4'])).toEqual([
      'analysis-common',
    ]);
  });

  it('treats an answer that is not a nodes-plugins answer as missing everything', () => {
    expect(missingModules('not json', ['analysis-common'])).toEqual(['analysis-common']);
    expect(missingModules('{"error":"nope"}', ['analysis-common'])).toEqual(['analysis-common']);
    expect(missingModules('{"nodes":{}}', ['analysis-common'])).toEqual(['analysis-common']);
  });
});

describe('installOpenSearchModules', () => {
  let home: string;
  let downloads: string;
  let fetched: string[];
  const log = (): void => undefined;
  const fetchArtifact = (coordinates: string, fileName: string): Promise<string> => {
    fetched.push(coordinates);
    const file = path.join(downloads, fileName);
    fs.writeFileSync(file, 'jar bytes');
    return Promise.resolve(file);
  };

  beforeEach(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'opensearch-modules-'));
    home = path.join(root, 'opensearch');
    downloads = path.join(root, 'downloads');
    fs.mkdirSync(path.join(home, 'modules', 'transport-netty4'), { recursive: true });
    fs.mkdirSync(downloads);
    fetched = [];
  });

  afterEach(() => {
    fs.rmSync(path.dirname(home), { recursive: true, force: true });
  });

  it('writes the jar and the descriptor into modules/<name>/', async () => {
    const written = await installOpenSearchModules(home, fetchArtifact, log, [analysisCommon]);

    const dir = path.join(home, 'modules', 'analysis-common');
    expect(written).toEqual([dir]);
    expect(fetched).toEqual([`org.opensearch.plugin:analysis-common:${OPENSEARCH_VERSION}:jar`]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      `analysis-common-${OPENSEARCH_VERSION}.jar`,
      'plugin-descriptor.properties',
    ]);
    expect(fs.readFileSync(path.join(dir, 'plugin-descriptor.properties'), 'utf8')).toBe(
      moduleDescriptor(analysisCommon),
    );
  });

  it('skips a module that is already there', async () => {
    await installOpenSearchModules(home, fetchArtifact, log, [analysisCommon]);

    const written = await installOpenSearchModules(home, fetchArtifact, log, [analysisCommon]);

    expect(written).toEqual([]);
    expect(fetched).toHaveLength(1);
  });

  it('redoes a module whose descriptor is missing, removing leftovers', async () => {
    const dir = path.join(home, 'modules', 'analysis-common');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'stale.jar'), 'old');

    await installOpenSearchModules(home, fetchArtifact, log, [analysisCommon]);

    expect(fs.readdirSync(dir)).not.toContain('stale.jar');
    expect(fs.existsSync(path.join(dir, 'plugin-descriptor.properties'))).toBe(true);
  });
});
