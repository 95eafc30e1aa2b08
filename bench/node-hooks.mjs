// Node ESM resolve hook for scripts run with tsx: tfjs-core's ESM files (dist/*.js, used when a module
// imports "@tensorflow/tfjs-core/dist/register_all_gradients", as src/ssd does) import directories
// ("./gradients"), which Vite/Vitest resolve but Node's ESM loader refuses. Retry those as
// "<name>.js" (a file beside the folder, e.g. gradients.js) and then "<dir>/index.js".
import { register } from "node:module";

if (!globalThis.__benchHooksRegistered) {
  globalThis.__benchHooksRegistered = true;
  register("./node-hooks.mjs", import.meta.url);
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (e) {
    if (e?.code === "ERR_UNSUPPORTED_DIR_IMPORT" && specifier.startsWith(".")) {
      try {
        return await nextResolve(`${specifier}.js`, context);
      } catch {
        return nextResolve(`${specifier}/index.js`, context);
      }
    }
    throw e;
  }
}
