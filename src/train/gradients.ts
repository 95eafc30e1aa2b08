// tfjs-core alone registers no gradient functions (the @tensorflow/tfjs umbrella does this import). Training
// registers them where it starts — the engine (engine.ts) and the bare SSD step (step.ts) import this module —
// rather than as a side effect of importing the lesson's maths (src/ssd), which inference and Node scripts such
// as scripts/vectors use without gradients (this ESM-only deep import cannot load under plain Node/tsx).
// tfjs-core first: its flags must be registered before the gradient registrations evaluate any of them
import "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
