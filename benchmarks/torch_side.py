"""The PyTorch half of the training benchmarks, run by them with an interpreter that has torch
(never a dependency of actviz): ``python benchmarks/torch_side.py MODE FILE.npz``.

``serve``: time Adam steps of the MLP in FILE (forward, cross-entropy, backward, update) on
one CPU thread, N at a time for each "N" read from stdin; prints the least CPU and wall
time of one step.
``gradients``: the gradients of the loss by autograd for the weights, data and activation in
FILE, in float64; writes them to FILE with the suffix ``.torch.npz``.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812

ACTIVATIONS = {
    "relu": F.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "elu": F.elu, "selu": F.selu,
    "gelu": F.gelu, "silu": F.silu, "softplus": F.softplus, "leaky_relu": F.leaky_relu,
}


def _forward(params: list, x, activation: str):  # noqa: ANN001,ANN202
    """The MLP of actviz.training.network with torch's activations (params in actviz's order)."""
    prelu = activation == "prelu"
    step = 3 if prelu else 2
    weights, biases = params[0::step], params[1::step]
    slopes = params[2::step] if prelu else []
    a = x
    for layer, (w, b) in enumerate(zip(weights, biases)):
        z = a @ w.T + b
        if layer == len(weights) - 1:
            return z
        a = F.prelu(z, slopes[layer]) if prelu else ACTIVATIONS[activation](z)
    return a


def gradients(path: str) -> None:
    data = np.load(path)
    activation, loss = str(data["activation"]), str(data["loss"])
    names = [str(n) for n in data["names"]]
    params = [torch.tensor(data[name], dtype=torch.float64, requires_grad=True) for name in names]
    x = torch.tensor(data["x"], dtype=torch.float64)
    out = _forward(params, x, activation)
    if loss == "cross_entropy":
        value = F.cross_entropy(out, torch.tensor(data["y"], dtype=torch.int64))
    else:
        value = F.mse_loss(out, torch.tensor(data["y"], dtype=torch.float64))
    value.backward()
    np.savez(path.replace(".npz", ".torch.npz"), loss=value.item(),
             **{name: p.grad.numpy() for name, p in zip(names, params)})


def serve(path: str) -> None:
    """Time Adam steps of the MLP in FILE on request: for each line "N" read from stdin, run N
    steps and print the least thread CPU time and the least wall time of one step (seconds),
    so that the caller can alternate rounds with its own under the same load."""
    torch.set_num_threads(1)
    data = np.load(path)
    names = [str(n) for n in data["names"]]
    params = [torch.tensor(data[name], dtype=torch.float64, requires_grad=True) for name in names]
    x = torch.tensor(data["x"], dtype=torch.float64)
    y = torch.tensor(data["y"], dtype=torch.int64)
    activation = str(data["activation"])
    optimizer = torch.optim.Adam(params, lr=1e-3)

    def one() -> None:
        optimizer.zero_grad()
        F.cross_entropy(_forward(params, x, activation), y).backward()
        optimizer.step()

    one()  # warm up
    print("ready", flush=True)
    for line in sys.stdin:
        cpu = wall = float("inf")
        for _ in range(int(line)):
            start_cpu, start_wall = time.thread_time(), time.perf_counter()
            one()
            cpu, wall = min(cpu, time.thread_time() - start_cpu), min(wall, time.perf_counter() - start_wall)
        print(cpu, wall, flush=True)


if __name__ == "__main__":
    {"serve": serve, "gradients": gradients}[sys.argv[1]](sys.argv[2])
