// Unit tests run the lesson's maths on tfjs's CPU backend in Node.
import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";

await tf.setBackend("cpu");
await tf.ready();
