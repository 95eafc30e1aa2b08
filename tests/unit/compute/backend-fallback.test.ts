// A forced backend that cannot start falls back in order, and a stuck one times out (issue 15, item 5).
import { describe, expect, it } from "vitest";
import { type BackendAttempt, candidates, initBackend } from "../../../src/compute/backend";
import type { BackendName } from "../../../src/compute/backends";

const fake =
  (outcomes: Partial<Record<BackendName, "ok" | "fail" | "hang">>, tried: BackendName[]) =>
  (name: BackendName): Promise<BackendAttempt> => {
    tried.push(name);
    const o = outcomes[name] ?? "fail";
    if (o === "hang") return new Promise(() => {});
    return Promise.resolve(
      o === "ok" ? { name, ok: true } : { name, ok: false, error: `${name} is missing` },
    );
  };

describe("backend choice", () => {
  it("tries a forced backend first, then the usual order without it", () => {
    expect(candidates("wasm", ["webgpu", "webgl", "cpu"])).toEqual(["wasm", "webgpu", "webgl", "cpu"]);
    expect(candidates("webgl", ["webgpu", "webgl", "cpu"])).toEqual(["webgl", "webgpu", "cpu"]);
    expect(candidates(null, ["webgpu", "webgl", "cpu"])).toEqual(["webgpu", "webgl", "cpu"]);
  });
  it("falls back when the forced backend is missing, and says why", async () => {
    const tried: BackendName[] = [];
    const info = await initBackend("webgpu", ["webgpu", "webgl", "cpu"], {
      attempt: fake({ webgl: "ok" }, tried),
    });
    expect(info.name).toBe("webgl");
    expect(tried).toEqual(["webgpu", "webgl"]);
    expect(info.attempts[0]).toEqual({ name: "webgpu", ok: false, error: "webgpu is missing" });
  });
  it("gives up on a backend that does not start in time and moves on", async () => {
    const tried: BackendName[] = [];
    const t0 = Date.now();
    const info = await initBackend("wasm", ["webgpu", "webgl", "cpu"], {
      timeoutMs: 50,
      attempt: fake({ wasm: "hang", webgpu: "hang", webgl: "ok" }, tried),
    });
    expect(info.name).toBe("webgl");
    expect(tried).toEqual(["wasm", "webgpu", "webgl"]);
    expect(info.attempts[0].error).toMatch(/did not start within/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it("rejects, naming every attempt, only when nothing starts", async () => {
    await expect(initBackend(null, ["webgl", "cpu"], { attempt: fake({}, []) })).rejects.toThrow(
      /webgl: webgl is missing; cpu: cpu is missing/,
    );
  });
});
