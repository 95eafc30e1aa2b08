// A page for browser tests of the lower layers (src/ssd, src/augment, src/model, src/train) on a real
// backend: ?backend=webgpu|webgl|cpu picks it; the page confirms it and exposes tfjs as window.tf.
import * as tf from "@tensorflow/tfjs-core";
import "../../../src/train/gradients";
import { initBackend } from "../../../src/compute/backend";
import { isBackendName } from "../../../src/compute/backends";

declare global {
  interface Window {
    tf: typeof tf;
    harnessReady: boolean;
    harnessError?: string;
    harnessBackend?: string;
  }
}

const wanted = new URLSearchParams(location.search).get("backend");
const status = document.getElementById("status")!;
window.tf = tf;
initBackend(isBackendName(wanted) ? wanted : null)
  .then((info) => {
    window.harnessBackend = info.name;
    status.textContent = `backend: ${info.name}`;
    window.harnessReady = true;
  })
  .catch((e: unknown) => {
    window.harnessError = String(e);
    status.textContent = `error: ${String(e)}`;
    window.harnessReady = true;
  });
