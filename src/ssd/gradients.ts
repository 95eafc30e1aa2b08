// tfjs-core alone registers no gradient functions (the @tensorflow/tfjs umbrella does this import), so the
// barrels (index.ts, loss.ts) pull the registrations in: anything that trains imports from "src/ssd".
// The individual modules do not, because this ESM-only deep import cannot load under plain Node (tsx):
// Node scripts such as scripts/vectors import the modules directly and need no gradients.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
