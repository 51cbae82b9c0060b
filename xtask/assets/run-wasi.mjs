// Runs a wasm32-wasip1 program in Node's V8 (the engine of Chromium): `node run-wasi.mjs [--dir DIR]… FILE [ARGS…]`.
// Each `--dir` lets the program read that folder under its own absolute path.
import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";
import process from "node:process";

const argv = process.argv.slice(2);
const preopens = {};
while (argv[0] === "--dir") {
  preopens[argv[1]] = argv[1];
  argv.splice(0, 2);
}
const [file, ...args] = argv;
const wasi = new WASI({ version: "preview1", args: [file, ...args], env: {}, preopens, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
