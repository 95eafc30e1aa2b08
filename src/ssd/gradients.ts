// tfjs-core alone registers no gradient functions (the @tensorflow/tfjs umbrella does this import). The losses
// must be differentiable wherever they are imported, so they pull the registrations in (idempotent).
import "@tensorflow/tfjs-core/dist/register_all_gradients";
