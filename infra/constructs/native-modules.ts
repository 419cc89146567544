// Packages with native code in a Lambda bundle (sharp and its prebuilt libvips): esbuild leaves them as
// imports, and they are copied into the bundle's node_modules as npm installed them, with the dependencies
// they name and the prebuilt binary packages of the function's platform (linux on its CPU, glibc).
//
// The binaries of the build machine's own platform are in node_modules already (npm installs the optional
// package that matches it). Another platform's (arm64 Lambda built on an x64 machine) are fetched once with
// `npm pack` from the registry npm is configured with, checked against the version the package names, and
// kept in .local/native-packages; nothing else is downloaded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const CACHE = path.join(REPO_ROOT, '.local', 'native-packages');

export interface NativeModules {
  /** The packages to keep as imports and copy in: `['sharp']`. */
  readonly modules: readonly string[];
  /** The CPU the function runs on (Node's `process.arch` names). */
  readonly arch: 'arm64' | 'x64';
}

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const readJson = (file: string): PackageJson => JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;

/**
 * The installed directory of a package, looked up from `from` (a package directory) through the enclosing
 * node_modules folders as Node does (by folder: sharp's `exports` hide its package.json from resolve).
 */
function installedDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The directory of `name@version`: installed if it is that version, else unpacked from the registry. */
function packageDir(name: string, version: string, from: string): string {
  const installed = installedDir(name, from);
  if (installed && readJson(path.join(installed, 'package.json')).version === version) return installed;
  const target = path.join(CACHE, `${name.replace('/', '+')}@${version}`);
  if (!fs.existsSync(path.join(target, 'package.json'))) {
    fs.mkdirSync(CACHE, { recursive: true });
    const tarball = execFileSync(
      'npm',
      ['pack', `${name}@${version}`, '--silent', '--pack-destination', CACHE],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    ).trim();
    const unpacked = `${target}.tmp`;
    fs.rmSync(unpacked, { recursive: true, force: true });
    fs.mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(CACHE, tarball), '-C', unpacked, '--strip-components=1']);
    fs.rmSync(path.join(CACHE, tarball));
    if (readJson(path.join(unpacked, 'package.json')).version !== version) {
      throw new Error(`npm pack ${name}@${version} gave another version`);
    }
    fs.renameSync(unpacked, target);
  }
  return target;
}

/** Copies one package and, recursively, what it needs at run time into `<outputDir>/node_modules`. */
function copyPackage(name: string, dir: string, outputDir: string, arch: string, seen: Set<string>): void {
  if (seen.has(name)) return;
  seen.add(name);
  fs.cpSync(dir, path.join(outputDir, 'node_modules', name), { recursive: true, dereference: true });
  const manifest = readJson(path.join(dir, 'package.json'));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const found = installedDir(dependency, dir);
    if (!found) throw new Error(`${name} needs ${dependency}, which is not installed`);
    copyPackage(dependency, found, outputDir, arch, seen);
  }
  // The prebuilt binaries: the optional packages for linux on this CPU with glibc (sharp's naming).
  for (const [dependency, version] of Object.entries(manifest.optionalDependencies ?? {})) {
    if (!dependency.endsWith(`-linux-${arch}`)) continue;
    copyPackage(dependency, packageDir(dependency, version, dir), outputDir, arch, seen);
  }
}

/** Writes the native packages of a function into its bundle directory. */
export function installNativeModules(outputDir: string, native: NativeModules): void {
  const seen = new Set<string>();
  for (const name of native.modules) {
    const dir = installedDir(name, REPO_ROOT);
    if (!dir) throw new Error(`${name} is not installed`);
    copyPackage(name, dir, outputDir, native.arch, seen);
  }
}

/** The CPU a stage's functions run on: arm64 in AWS; the emulator runs them on this machine. */
export function functionArch(stage: string): NativeModules['arch'] {
  if (stage !== 'local') return 'arm64';
  if (process.arch !== 'arm64' && process.arch !== 'x64') {
    throw new Error(
      `The local stage runs functions on this machine's CPU (${process.arch}), which has no sharp build`,
    );
  }
  return process.arch;
}
