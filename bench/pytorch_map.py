"""time_to_map in PyTorch: the train-ssd cell's recipe (SSD_MultiHead, focal ssd_loss, Adam, fastai 0.7's use_clr
one-cycle) trained on the backbone features the bench cached with the project's own code (bench/time-to-map-torch.ts
writes them), for `npm run bench`. After each epoch it writes the validation set's raw activations (class logits
and box activations, float32) to <dir>/val-<epoch>.bin and prints a JSON line {"epoch", "seconds"}; the bench
scores them with the app's own decoding, NMS and mAP, so only the training engine differs.

args: dir=<folder of meta.json, train.bin, val.bin> seconds=300 threads=<n> ntrain=<train on the first n cached images>
"""
import json, os, sys, time
import numpy as np
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_ssd import SSD_MultiHead, ssd_loss_batched  # noqa: E402


def clr_factor(step, total, div, pct):  # src/train/schedule.ts clrFactor (fastai 0.7 CircularLR)
    cut = max(1, total // pct)
    t = step / cut if step < cut else 1 - (step - cut) / max(1, cut * (pct - 1))
    return (1 + max(0., min(1., t)) * (div - 1)) / div


def main():
    a = dict(x.split("=", 1) for x in sys.argv[1:])
    d = a["dir"]; budget = float(a.get("seconds", 300))
    if "threads" in a: torch.set_num_threads(int(a["threads"]))
    m = json.load(open(os.path.join(d, "meta.json")))
    h, w, c = m["featureShape"]
    def feats(name, n):  # NHWC float32 as tfjs cached them -> NCHW
        x = np.fromfile(os.path.join(d, name), dtype=np.float32).reshape(n, h, w, c)
        return torch.from_numpy(x).permute(0, 3, 1, 2).contiguous()
    def targets(items):  # the lesson's pre-padded boxes [r0, c0, r1, c1] (fractions) and classes
        mx = max(1, max(len(b) for b, _ in items))
        bb = torch.zeros(len(items), mx, 4); cl = torch.zeros(len(items), mx, dtype=torch.long)
        for i, (b, k) in enumerate(items):
            if b: bb[i, mx - len(b):] = torch.tensor(b, dtype=torch.float32); cl[i, mx - len(k):] = torch.tensor(k)
        return bb, cl
    xt = feats("train.bin", len(m["train"])); xv = feats("val.bin", m["val"])
    n = int(a.get("ntrain", len(m["train"])))
    xt = xt[:n]
    tr = [(t["boxes"], t["classes"]) for t in m["train"][:n]]
    r = m["recipe"]; bs = r["batch"]; epochs = r["epochs"]; lr = r["lr"]
    torch.manual_seed(r.get("seed", 0))
    model = SSD_MultiHead(c, width=r["width"], drop=0.4 * r.get("dropScale", 1))
    opt = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.99))
    focal = r["loss"] == "focal"
    spe = max(1, len(tr) // bs); total = epochs * spe; step = 0
    t0 = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(tr))
        for s in range(spe):
            idx = order[s * bs:(s + 1) * bs]
            for g in opt.param_groups: g["lr"] = lr * clr_factor(step, total, r["div"], r["pct"])
            bb, cl = targets([tr[i] for i in idx])
            opt.zero_grad(); loss = ssd_loss_batched(model(xt[idx]), (bb, cl), focal); loss.backward(); opt.step()
            step += 1
        model.eval()
        with torch.no_grad():
            cls, box = model(xv)
        np.concatenate([cls.numpy().ravel(), box.numpy().ravel()]).astype(np.float32).tofile(os.path.join(d, f"val-{epoch}.bin"))
        secs = time.perf_counter() - t0
        print(json.dumps({"epoch": epoch, "seconds": secs, "loss": loss.item(), "threads": torch.get_num_threads(),
                          "torch": torch.__version__}), flush=True)
        if secs > budget: break

main()
