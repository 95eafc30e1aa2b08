"""The SSD multi-head training step in PyTorch (the lesson's own code, pascal-multi.ipynb §SSD_MultiHead),
for `npm run bench`: prints one JSON line per variant with the median ms/step.

Same shapes and work as the tfjs step in bench/ssd-step.ts: features [B, C, 7, 7] -> SSD_MultiHead(k=9, 21
classes, drop 0.4) -> ssd_loss (BCE) against fixed synthetic boxes -> backward -> Adam.
Variants: "lesson" = the lesson's per-image ssd_loss loop; "batched" = the same loss without the Python loop.
"""
import json, os, sys, time
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_ssd import SSD_MultiHead, ssd_loss, ssd_loss_batched  # noqa: E402

def main():
    a = dict(x.split("=", 1) for x in sys.argv[1:])
    C = int(a.get("channels", 512)); B = int(a.get("batch", 16)); runs = int(a.get("runs", 7))
    if "threads" in a: torch.set_num_threads(int(a["threads"]))
    threads = torch.get_num_threads()  # PyTorch's own default unless threads= is given
    torch.manual_seed(0)
    n_cls = 20

    g = torch.Generator().manual_seed(1)
    x = torch.randn(B, C, 7, 7, generator=g)
    # 3 objects per image, zero-padded to 4 rows (as fastai's jag_stack pads), corners in [0,1]
    lo = torch.rand(B, 3, 2, generator=g) * 0.6; hw = 0.1 + torch.rand(B, 3, 2, generator=g) * 0.35
    boxes = torch.cat([torch.cat([lo, (lo + hw).clamp(max=1)], 2), torch.zeros(B, 1, 4)], 1)
    classes = torch.cat([torch.randint(0, n_cls, (B, 3), generator=g), torch.zeros(B, 1, dtype=torch.long)], 1)

    variants = {"lesson": ssd_loss, "batched": ssd_loss_batched}
    for variant in a.get("variants", "lesson,batched").split(","):
        crit = variants[variant]
        model = SSD_MultiHead(C, width=256, drop=0.4); model.train()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.99))
        def step():
            opt.zero_grad(); loss = crit(model(x), (boxes, classes)); loss.backward(); opt.step(); return loss.item()
        step(); step()
        ts, cpu = [], []
        for _ in range(runs):
            c0 = time.process_time(); t0 = time.perf_counter(); step()
            ts.append((time.perf_counter() - t0) * 1000); cpu.append((time.process_time() - c0) * 1000)
        ts.sort(); cpu.sort()
        print(json.dumps({"variant": variant, "median_ms": ts[len(ts) // 2], "cpu_ms": cpu[len(cpu) // 2], "runs": runs, "threads": threads,
                          "torch": torch.__version__, "loss": step()}), flush=True)

main()
